package io.kubemu.emulator.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Real ports on the host: checking that one is free, or picking a free one. */
final class Ports {
  private Ports() {}

  /** A port free right now on {@code address}. */
  static int free(String address) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new CliException("cannot find a free port on " + address + ": " + e.getMessage());
    }
  }

  /** Fails clearly when a port the user chose is taken. */
  static void requireFree(String address, int port, String option) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
    } catch (IOException e) {
      throw new CliException("port " + port + " on " + address + " is already in use (" + option + "); choose another or leave it out to pick a free one");
    }
  }
}
