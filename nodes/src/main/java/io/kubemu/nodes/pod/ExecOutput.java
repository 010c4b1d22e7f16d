package io.kubemu.nodes.pod;

import io.kubemu.protocols.ClusterMessage;

/** Output of a running exec'd program, sent as it is printed when the caller streams. */
public record ExecOutput(String stdout, String stderr) implements ClusterMessage {}
