package io.kubemu.nodes.pod;

import io.kubemu.protocols.ClusterMessage;

/** How a command run with exec ended: what it printed and its exit status. */
public record ExecResult(String stdout, String stderr, int exitCode) implements ClusterMessage {}
