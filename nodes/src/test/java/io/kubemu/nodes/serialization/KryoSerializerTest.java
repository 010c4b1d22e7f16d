package io.kubemu.nodes.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.serializers.RecordSerializer;
import io.kubemu.nodes.serialization.TestMessages.Color;
import io.kubemu.nodes.serialization.TestMessages.Ping;
import io.kubemu.nodes.serialization.TestMessages.Point;
import io.kubemu.nodes.serialization.TestMessages.RefHolder;
import io.kubemu.nodes.serialization.TestMessages.Sample;
import io.kubemu.nodes.serialization.TestMessages.Unregistered;
import java.io.NotSerializableException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KryoSerializerTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
  private static ActorTestKit testKit;
  private static Serialization serialization;
  private static KryoSerializer serializer;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("kryo-serializer-test", TestMessages.config());
    serialization = SerializationExtension.get(testKit.system());
    serializer = assertInstanceOf(KryoSerializer.class, serialization.findSerializerFor(new Point(0, 0)));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void clusterMessagesAreBoundToKryoWithoutManifest() {
    assertEquals(KryoSerializer.IDENTIFIER, serializer.identifier());
    assertFalse(serializer.includeManifest());
    assertInstanceOf(KryoSerializer.class, serialization.findSerializerFor(sample(1, testKit.createTestProbe())));
  }

  @Test
  void wireBytesAreTheRegisteredIdThenTheComponents() {
    // 86 07: class id 900 + 2 as a varint; 02, 04: x = 1 and y = 2 as zig-zag varints
    assertEquals("86 07 02 04", HEX.formatHex(serializer.toBinary(new Point(1, 2))));
    // 8a 07: id 904 + 2; 04: byte[] length 3 + 1; 01 02 03: payload; 00: replyTo null
    assertEquals("8a 07 04 01 02 03 00", HEX.formatHex(serializer.toBinary(new Ping(new byte[] {1, 2, 3}, null))));
  }

  @Test
  void aPodStatusReportWithAndWithoutALastStateRoundTrips() {
    var restarted = new io.kubemu.nodes.pod.ContainerState("c", "busybox", "running", "Unhealthy", "Readiness probe failed: exit status 1",
        0, 1, true, false, new io.kubemu.nodes.pod.ContainerState.Terminated("Error", "Container c failed liveness probe, will be restarted",
            137, 1_700_000_000_000L));
    var fresh = new io.kubemu.nodes.pod.ContainerState("d", "udp-echo", "running", "", "", 0, 0, true, true, null);
    var report = new io.kubemu.nodes.agent.KubeletReport.PodStatusReport("default", "web", "u1", "w1", "Running", "10.244.0.2",
        null, null, new ArrayList<>(List.of(restarted, fresh)));
    assertEquals(report, viaBytes(report));
    assertEquals(report, viaByteBuffer(report));
  }

  @Test
  void recordsUseKryosRecordSerializer() {
    var registration = serializer.newKryo().getRegistration(Sample.class);
    assertEquals(902, registration.getId());
    assertInstanceOf(RecordSerializer.class, registration.getSerializer());
  }

  @Test
  void aRecordWithEveryKindOfFieldRoundTripsThroughBothPaths() {
    Sample sample = sample(7, testKit.createTestProbe());
    assertSampleEquals(sample, (Sample) viaBytes(sample));
    assertSampleEquals(sample, (Sample) viaByteBuffer(sample));
  }

  @Test
  void immutableCollectionsComeBackImmutable() {
    Sample back = (Sample) viaByteBuffer(sample(3, testKit.createTestProbe()));
    assertThrows(UnsupportedOperationException.class, () -> back.tags().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> back.counts().put("x", 1));
    assertThrows(UnsupportedOperationException.class, () -> back.ids().add(1L));
    assertThrows(UnsupportedOperationException.class, () -> back.path().add(new Point(0, 0)));
    back.mixed().add("still mutable");
  }

  @Test
  void everyKindOfTypedActorRefResolvesToTheSameActor() {
    TestProbe<Object> probe = testKit.createTestProbe();
    ActorRef<Object> spawned = testKit.spawn(Behaviors.empty());
    ActorRef<String> adapter = messageAdapter();
    CompletionStage<String> asked = AskPattern.ask(
        probe.ref(), RefHolder::new, Duration.ofSeconds(5), testKit.system().scheduler());
    @SuppressWarnings("unchecked")
    ActorRef<String> askRef = (ActorRef<String>) ((RefHolder) probe.receiveMessage()).ref();

    for (ActorRef<?> ref : List.of(probe.ref(), spawned, adapter, askRef)) {
      assertEquals(ref, ((RefHolder) viaBytes(new RefHolder(ref))).ref());
      assertEquals(ref, ((RefHolder) viaByteBuffer(new RefHolder(ref))).ref());
    }
    @SuppressWarnings("unchecked")
    ActorRef<String> resolvedAsk = (ActorRef<String>) ((RefHolder) viaByteBuffer(new RefHolder(askRef))).ref();
    resolvedAsk.tell("answer");
    assertEquals("answer", asked.toCompletableFuture().join());
  }

  @Test
  void theSystemAsARefComesBackAsItsUserGuardian() {
    ActorRef<?> back = ((RefHolder) viaBytes(new RefHolder(testKit.system()))).ref();
    assertEquals(testKit.system().path(), back.path());
  }

  @Test
  void aByteBufferWrittenEarlierIsNeverTouchedAgain() {
    ByteBuffer first = arteryLikeBuffer(4096);
    serializer.toBinary(sample(1, testKit.createTestProbe()), first);
    byte[] before = copyOf(first);

    serializer.toBinary(sample(2, testKit.createTestProbe()));
    serializer.toBinary(sample(3, testKit.createTestProbe()), arteryLikeBuffer(4096));
    serializer.fromBinary(serializer.toBinary(new Point(5, 5)));

    assertArrayEquals(before, copyOf(first));
  }

  @Test
  void aMessageLargerThanTheBufferIsArterysOversizedPayload() {
    Ping big = new Ping(new byte[10_000], null);
    assertThrows(BufferOverflowException.class, () -> serializer.toBinary(big, arteryLikeBuffer(1024)));
    assertEquals(10_000, ((Ping) viaByteBuffer(big)).payload().length);
  }

  @Test
  void anUnregisteredClassFailsNamingTheConfigKey() {
    var e = assertThrows(IllegalArgumentException.class, () -> serializer.toBinary(new Unregistered(1)));
    assertTrue(e.getMessage().contains(Unregistered.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(KryoRegistrations.PATH), e.getMessage());
  }

  @Test
  void leftoverBytesAreAnError() {
    byte[] bytes = serializer.toBinary(new Point(1, 2));
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    var e = assertThrows(IllegalArgumentException.class, () -> serializer.fromBinary(longer));
    assertTrue(e.getMessage().contains("1 bytes left over"), e.getMessage());
  }

  @Test
  void truncatedBytesAreAnError() {
    byte[] bytes = serializer.toBinary(sample(4, testKit.createTestProbe()));
    for (int length = 0; length < bytes.length; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      assertThrows(IllegalArgumentException.class, () -> serializer.fromBinary(cut), "length " + length);
    }
  }

  @Test
  void concurrentUseFromManyThreadsKeepsEveryMessageIntact() throws Exception {
    TestProbe<Point> probe = testKit.createTestProbe();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(pool.submit(() -> roundTripMany(thread, probe)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void roundTripMany(int thread, TestProbe<Point> probe) {
    for (int i = 0; i < 1_000; i++) {
      Sample sample = sample(thread * 1_000_000 + i, probe);
      assertSampleEquals(sample, (Sample) (i % 2 == 0 ? viaBytes(sample) : viaByteBuffer(sample)));
    }
  }

  private static ActorRef<String> messageAdapter() {
    TestProbe<ActorRef<String>> adapters = testKit.createTestProbe();
    testKit.spawn(Behaviors.<Object>setup(context -> {
      adapters.ref().tell(context.messageAdapter(String.class, s -> s));
      return Behaviors.ignore();
    }));
    return adapters.receiveMessage();
  }

  private static Object viaBytes(Object message) {
    byte[] bytes = serialization.serialize(message).get();
    return serialization.deserialize(bytes, KryoSerializer.IDENTIFIER, "").get();
  }

  /** As Artery does it: after a header, into a little-endian direct buffer, read back to its limit. */
  private static Object viaByteBuffer(Object message) {
    ByteBuffer buffer = arteryLikeBuffer(64 * 1024);
    buffer.position(28);
    serializer.toBinary(message, buffer);
    buffer.flip();
    buffer.position(28);
    try {
      Object back = serialization.deserializeByteBuffer(buffer, KryoSerializer.IDENTIFIER, "");
      assertEquals(buffer.limit(), buffer.position());
      return back;
    } catch (NotSerializableException e) {
      throw new AssertionError(e);
    }
  }

  private static ByteBuffer arteryLikeBuffer(int size) {
    return ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] copyOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.capacity()];
    buffer.duplicate().clear().get(bytes);
    return bytes;
  }

  private static Sample sample(int n, TestProbe<Point> probe) {
    byte[] payload = new byte[n % 300];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (n + i);
    }
    ArrayList<Object> mixed = new ArrayList<>(List.of(n, (long) n << 33, "s" + n, true, Color.GREEN));
    return new Sample(
        "sample-" + n,
        payload,
        List.of("a" + n, "b", "c"),
        Map.of("x", n, "y", -n),
        Set.of((long) n, -1L),
        n % 2 == 0 ? Color.RED : Color.GREEN,
        new Point(n, -n),
        List.of(new Point(1, 2), new Point(n, n)),
        n % 3 == 0 ? Optional.empty() : Optional.of("note-" + n),
        Instant.ofEpochSecond(1_700_000_000L + n, n),
        Duration.ofMillis(n),
        new UUID(n, -n),
        mixed,
        probe.ref());
  }

  private static void assertSampleEquals(Sample expected, Sample actual) {
    assertArrayEquals(expected.payload(), actual.payload());
    assertEquals(withoutPayload(expected), withoutPayload(actual));
  }

  private static Sample withoutPayload(Sample s) {
    return new Sample(s.name(), null, s.tags(), s.counts(), s.ids(), s.color(), s.origin(), s.path(), s.note(),
        s.at(), s.ttl(), s.uid(), s.mixed(), s.replyTo());
  }
}
