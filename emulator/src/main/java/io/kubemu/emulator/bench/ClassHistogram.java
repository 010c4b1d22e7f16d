package io.kubemu.emulator.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/** This JVM's heap by class, largest first, as {@code jcmd PID GC.class_histogram} prints it (after a full GC). */
final class ClassHistogram {
  private ClassHistogram() {}

  /** The header and the {@code rows} largest classes, and the total line. */
  static List<String> top(int rows) {
    String text;
    try {
      text = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
          "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
    } catch (JMException e) {
      return List.of("no class histogram: " + e.getMessage());
    }
    List<String> lines = Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    int head = Math.min(lines.size(), rows + 2); // "num #instances #bytes class name" and its rule
    List<String> out = new java.util.ArrayList<>(lines.subList(0, head));
    if (head < lines.size()) {
      out.add(lines.get(lines.size() - 1)); // Total
    }
    return out;
  }
}
