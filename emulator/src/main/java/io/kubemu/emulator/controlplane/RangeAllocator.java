package io.kubemu.emulator.controlplane;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Numbered values (the offsets of cluster IPs, or of node ports) held by owners, as the API
 * server's allocation bitmap with a static band (allocator.AllocationMapWithOffset): a value asked
 * for by number is taken if free; {@link #next} hands out values above the static band first and
 * falls back into it only when the rest is full. Unlike the API server it picks the next free value
 * after the last one it gave rather than a random one, so addresses are predictable and not reused
 * at once. Each value remembers its owner, so that state rebuilt from stored objects says who
 * holds what. Pure data.
 */
final class RangeAllocator {
  private final int size;
  private final int staticBand;
  private final Map<Integer, String> owners = new HashMap<>();
  private int cursor;

  RangeAllocator(int size, int staticBand) {
    this.size = size;
    this.staticBand = Math.min(staticBand, size);
    this.cursor = this.staticBand;
  }

  int size() {
    return size;
  }

  int free() {
    return size - owners.size();
  }

  /** Who holds {@code offset}, or null. */
  String owner(int offset) {
    return owners.get(offset);
  }

  /** Takes {@code offset} for {@code owner}; false when another owner holds it. */
  boolean take(int offset, String owner) {
    String held = owners.putIfAbsent(offset, owner);
    return held == null || held.equals(owner);
  }

  /** The next free value for {@code owner}, taken; empty when the range is full. */
  OptionalInt next(String owner) {
    int dynamic = size - staticBand;
    for (int i = 0; i < dynamic; i++) {
      int offset = staticBand + (cursor - staticBand + i) % dynamic;
      if (owners.putIfAbsent(offset, owner) == null) {
        cursor = offset + 1 >= size ? staticBand : offset + 1;
        return OptionalInt.of(offset);
      }
    }
    for (int offset = 0; offset < staticBand; offset++) {
      if (owners.putIfAbsent(offset, owner) == null) {
        return OptionalInt.of(offset);
      }
    }
    return OptionalInt.empty();
  }

  /** Frees {@code offset} if {@code owner} holds it. */
  void release(int offset, String owner) {
    owners.remove(offset, owner);
  }
}
