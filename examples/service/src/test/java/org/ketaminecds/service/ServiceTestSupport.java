package org.ketaminecds.service;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The service fixtures for tests in other packages. */
public final class ServiceTestSupport {
    private ServiceTestSupport() {}

    /** A patient-view request for patient pt-1001 with the full prefetch (mid-course esketamine). */
    public static ObjectNode courseRequest() {
        return ServiceFixtures.request("patient-view", ServiceFixtures.fullPrefetch());
    }
}
