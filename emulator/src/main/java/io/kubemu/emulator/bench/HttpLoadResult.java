package io.kubemu.emulator.bench;

/**
 * One run of a real HTTP load client: who ran it, completed requests per second, the requests and
 * the seconds they took, the errors (failed connections, reads and writes, timeouts, answers other
 * than 2xx or 3xx) and the mean latency in milliseconds (NaN when the client does not say).
 */
public record HttpLoadResult(String client, double requestsPerSecond, long requests, double seconds, long errors,
    double latencyMs) {}
