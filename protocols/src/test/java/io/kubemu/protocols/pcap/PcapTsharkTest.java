package io.kubemu.protocols.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubemu.protocols.vxlan.VxlanCapture;
import io.kubemu.protocols.vxlan.VxlanPacket;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks our files against the real reader; skipped where tshark is not installed. */
class PcapTsharkTest {
  @TempDir
  Path dir;

  @Test
  void tsharkDecodesAFlannelVxlanPacketWeWrote() throws IOException, InterruptedException {
    assumeTrue(onPath("tshark"), "tshark is not installed");
    byte[] outer = Arrays.copyOf(VxlanCapture.FRAME, VxlanCapture.VXLAN_AT);
    outer[36] = (byte) (VxlanPacket.LINUX_PORT >>> 8); // UDP destination port 8472, as Flannel sends;
    outer[37] = (byte) VxlanPacket.LINUX_PORT; // the UDP checksum is 0 (none), so it stays valid
    byte[] inner = Arrays.copyOfRange(VxlanCapture.FRAME, VxlanCapture.VXLAN_AT + 8, VxlanCapture.FRAME.length);
    byte[] frame = PcapSamples.concat(outer, VxlanPacket.of(1, inner).toBytes());
    Path file = dir.resolve("flannel.pcap");
    Files.write(file, PcapWriter.encode(List.of(PcapRecord.of(1_700_000_000_123_456_789L, frame)),
        PcapWriter.LINKTYPE_ETHERNET));

    Process tshark = new ProcessBuilder("tshark", "-r", file.toString(), "-d", "udp.port==8472,vxlan", "-V")
        .redirectErrorStream(true).start();
    String output = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(tshark.waitFor(60, TimeUnit.SECONDS), "tshark did not finish");
    assertEquals(0, tshark.exitValue(), output);
    assertTrue(output.contains("Arrival Time: Nov 14, 2023 22:13:20.123456789 UTC")
        || output.contains("Epoch Time: 1700000000.123456789"), output);
    assertTrue(output.contains("Virtual eXtensible Local Area Network"), output);
    assertTrue(output.contains("VXLAN Network Identifier (VNI): 1"), output);
    assertTrue(output.contains("Internet Control Message Protocol"), output);
    assertTrue(output.contains("Echo (ping) request"), output);
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null && Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }
}
