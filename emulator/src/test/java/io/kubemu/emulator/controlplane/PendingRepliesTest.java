package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {
  @Test
  void repliesRunInOrderOnceTheirVersionIsReplicated() {
    PendingReplies replies = new PendingReplies();
    List<String> sent = new ArrayList<>();
    replies.add(3, () -> sent.add("a"));
    replies.add(3, () -> sent.add("b"));
    replies.add(5, () -> sent.add("c"));
    assertEquals(List.of(), sent);
    replies.replicated(4);
    assertEquals(List.of("a", "b"), sent);
    assertEquals(1, replies.size());
    replies.replicated(2);
    assertEquals(List.of("a", "b"), sent, "an older version moves nothing");
    replies.replicated(5);
    assertEquals(List.of("a", "b", "c"), sent);
  }

  @Test
  void aReplyForAReplicatedVersionRunsAtOnce() {
    PendingReplies replies = new PendingReplies();
    List<String> sent = new ArrayList<>();
    replies.replicated(7);
    replies.add(7, () -> sent.add("now"));
    assertEquals(List.of("now"), sent);
    assertEquals(0, replies.size());
  }
}
