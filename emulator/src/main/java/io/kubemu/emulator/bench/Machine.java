package io.kubemu.emulator.bench;

/** The machine a bench ran on, in one line for its report: cores, JVM, operating system. */
final class Machine {
  private Machine() {}

  static String describe() {
    return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }
}
