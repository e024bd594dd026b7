package org.ketaminecds.hooks;

/**
 * An HTTP-free answer: the status a transport should send, and the JSON body (a CDS Hooks response, or an
 * OperationOutcome for 4xx).
 *
 * @since 0.1.0
 */
public record HookResponse(int status, String body) {}
