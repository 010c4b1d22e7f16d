package io.kubemu.emulator.state;

import java.util.List;

/** What a running host wrote about itself: pid, roles, and the real ports it opened. */
public record HostRecord(String name, long pid, List<String> roles, String bind, int port, int apiPort, int metricsPort,
    List<String> nodes) {}
