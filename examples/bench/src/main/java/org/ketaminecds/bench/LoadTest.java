package org.ketaminecds.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded, fixed-rate load generator (open model, so queueing delay is measured rather than hidden): sends
 * {@code rate} requests per second for {@code seconds} to a CDS Hooks service on loopback and reports latency
 * percentiles measured from each request's scheduled send time. Requests go over {@value #CONNECTIONS} persistent
 * HTTP/1.1 connections on plain sockets (the JDK's HttpClient was measured to need more CPU than the service itself
 * on 2 cores, so it limited the test, not the service). At most {@code 2 x rate} requests wait; beyond that a
 * request is counted as dropped. It stops by itself.
 *
 * <p>Usage: {@code LoadTest URL REQUEST.json RATE SECONDS [WARMUP_SECONDS]}: first {@code WARMUP_SECONDS} (default
 * 5) at the same rate, unmeasured. A fresh service needs far more than 5 s: under 400 requests/s its JIT compilers
 * took about 40 s to settle (measured per thread), and until then it answers a fraction of the rate. Use 0 to
 * measure a cold start.
 */
public final class LoadTest {
    static final int CONNECTIONS = 32;
    private static final long NO_MORE = Long.MIN_VALUE;

    private LoadTest() {}

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
            throw new IllegalArgumentException("load tests only target loopback, not " + uri.getHost());
        }
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        byte[] head = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                        + body.length
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : Math.min(5, seconds);
        if (warmUp > 0) {
            run(uri, request, rate, warmUp, null); // the service's JIT, unmeasured
        }
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        int[] outcome = run(uri, request, rate, seconds, latencies);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "requests=%d ok=%d errors=%d dropped=%d p50Ms=%.2f p99Ms=%.2f maxMs=%.2f%n",
                rate * seconds,
                sorted.length,
                outcome[0],
                outcome[1],
                pct(sorted, 50),
                pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.exit(0);
    }

    /** Returns {errors, dropped}. */
    private static int[] run(URI uri, byte[] request, int rate, int seconds, ConcurrentLinkedQueue<Long> latencies)
            throws InterruptedException {
        int total = rate * seconds;
        BlockingQueue<Long> due = new ArrayBlockingQueue<>(2 * rate);
        AtomicInteger errors = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            Thread t = new Thread(() -> work(uri, request, due, latencies, errors), "load-" + c);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        int dropped = 0;
        long start = System.nanoTime() + 10_000_000;
        long periodNanos = 1_000_000_000L / rate;
        for (int k = 0; k < total; k++) {
            long scheduled = start + k * periodNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!due.offer(scheduled)) {
                dropped++;
            }
        }
        for (int c = 0; c < CONNECTIONS; c++) {
            due.put(NO_MORE);
        }
        for (Thread t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        return new int[] {errors.get(), dropped};
    }

    private static void work(
            URI uri,
            byte[] request,
            BlockingQueue<Long> due,
            ConcurrentLinkedQueue<Long> latencies,
            AtomicInteger errors) {
        Socket socket = null;
        try {
            while (true) {
                long scheduled = due.take();
                if (scheduled == NO_MORE) {
                    break;
                }
                try {
                    if (socket == null) {
                        socket = new Socket(uri.getHost(), uri.getPort());
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout(10_000);
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                    if (readResponse(new BufferedInputStream(socket.getInputStream(), 1 << 16)) != 200) {
                        errors.incrementAndGet();
                    } else if (latencies != null) {
                        latencies.add(System.nanoTime() - scheduled);
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    close(socket);
                    socket = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(socket);
        }
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked body); returns its status. */
    static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].strip(), 16);
                    size > 0;
                    size = Long.parseLong(line(in).split(";")[0].strip(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length);
        }
        return code;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing after a failure
            }
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
