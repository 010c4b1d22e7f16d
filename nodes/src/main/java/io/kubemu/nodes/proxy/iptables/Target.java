package io.kubemu.nodes.proxy.iptables;

import io.kubemu.protocols.addr.Ipv4Address;

/** What a matching rule does, with the iptables-save spelling of each. */
sealed interface Target {
  String render();

  /** {@code -j CHAIN}: walk that chain, and come back unless it decides. */
  record Jump(String chain) implements Target {
    public String render() {
      return "-j " + chain;
    }
  }

  /** {@code -j DNAT --to-destination IP:PORT}: terminal in the nat table. */
  record Dnat(Ipv4Address address, int port) implements Target {
    public String render() {
      return "-j DNAT --to-destination " + address + ":" + port;
    }
  }

  /** {@code -j MARK --or-mark} or {@code --xor-mark}: not terminal. */
  record Mark(boolean xor, int bits) implements Target {
    public String render() {
      return "-j MARK " + (xor ? "--xor-mark" : "--or-mark") + " 0x" + Integer.toHexString(bits);
    }
  }

  record Masquerade() implements Target {
    public String render() {
      return "-j MASQUERADE --random-fully";
    }
  }

  record Reject() implements Target {
    public String render() {
      return "-j REJECT --reject-with icmp-port-unreachable";
    }
  }

  record Drop() implements Target {
    public String render() {
      return "-j DROP";
    }
  }

  record Accept() implements Target {
    public String render() {
      return "-j ACCEPT";
    }
  }

  record Return() implements Target {
    public String render() {
      return "-j RETURN";
    }
  }
}
