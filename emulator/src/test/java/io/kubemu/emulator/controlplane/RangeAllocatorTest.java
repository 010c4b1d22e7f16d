package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The allocation map behind cluster IPs and node ports: a static band, next-fit above it, owners. */
class RangeAllocatorTest {
  @Test
  void nextHandsOutTheDynamicBandFirstThenTheStaticBand() {
    RangeAllocator r = new RangeAllocator(6, 2);
    assertEquals(OptionalInt.of(2), r.next("a"));
    assertEquals(OptionalInt.of(3), r.next("a"));
    assertEquals(OptionalInt.of(4), r.next("b"));
    assertEquals(OptionalInt.of(5), r.next("b"));
    assertEquals(OptionalInt.of(0), r.next("c"));
    assertEquals(OptionalInt.of(1), r.next("c"));
    assertEquals(OptionalInt.empty(), r.next("d"), "exhausted");
    assertEquals(0, r.free());
  }

  @Test
  void aReleasedValueIsReusedOnlyAfterTheRestOfTheBand() {
    RangeAllocator r = new RangeAllocator(10, 0);
    r.next("a");
    r.next("b");
    r.release(0, "a");
    assertEquals(OptionalInt.of(2), r.next("c"), "next fit, not the value just released");
    for (int i = 3; i < 10; i++) {
      r.next("x");
    }
    assertEquals(OptionalInt.of(0), r.next("d"), "wraps around to the free one");
  }

  @Test
  void takeHonoursAValueAskedForUnlessAnotherOwnerHasIt() {
    RangeAllocator r = new RangeAllocator(10, 4);
    assertTrue(r.take(1, "a"));
    assertTrue(r.take(1, "a"), "its own value");
    assertFalse(r.take(1, "b"));
    assertEquals("a", r.owner(1));
    r.release(1, "b");
    assertEquals("a", r.owner(1), "only the owner releases");
    r.release(1, "a");
    assertNull(r.owner(1));
    assertEquals(10, r.free());
  }
}
