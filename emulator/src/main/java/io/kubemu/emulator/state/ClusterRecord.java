package io.kubemu.emulator.state;

import java.util.List;

/** What {@code up} started: the hosts with their pids, the API endpoint, the nodes. */
public record ClusterRecord(String apiUrl, List<String> hosts, List<Long> pids, List<String> nodes, String backend,
    long startedAtMillis) {}
