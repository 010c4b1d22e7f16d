package io.kubemu.nodes.prober;

/** A probe's standing result, as the kubelet's results manager keeps it. */
public enum ProbeResult {
  UNKNOWN, SUCCESS, FAILURE
}
