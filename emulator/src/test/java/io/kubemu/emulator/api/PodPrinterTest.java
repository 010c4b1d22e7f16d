package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** READY, STATUS and RESTARTS of a pod as printPod computes them. */
class PodPrinterTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:10:00Z");

  private static PodPrinter.Summary summary(String spec, String status) {
    return PodPrinter.summarize(Json.read(("{'metadata':{'name':'p'},'spec':" + spec + ",'status':" + status + "}")
        .replace('\'', '"'), JsonNode.class), NOW);
  }

  private static final String TWO = "{'containers':[{'name':'a'},{'name':'b'}]}";

  @Test
  void runningReadyContainersCountAsReady() {
    PodPrinter.Summary s = summary(TWO, "{'phase':'Running','conditions':[{'type':'Ready','status':'True'}],'containerStatuses':["
        + "{'name':'a','ready':true,'state':{'running':{}}},{'name':'b','ready':true,'state':{'running':{}}}]}");
    assertEquals(new PodPrinter.Summary("2/2", "Running", "0"), s);
  }

  @Test
  void restartsShowTheTimeSinceTheLastOne() {
    PodPrinter.Summary s = summary(TWO, "{'phase':'Running','containerStatuses':["
        + "{'name':'a','restartCount':3,'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
        + "'lastState':{'terminated':{'exitCode':1,'finishedAt':'2025-01-01T00:07:00Z'}}},"
        + "{'name':'b','restartCount':1,'state':{'running':{}},'lastState':{'terminated':{'exitCode':1,'finishedAt':'2025-01-01T00:05:00Z'}}}]}");
    assertEquals(new PodPrinter.Summary("0/2", "CrashLoopBackOff", "4 (3m ago)"), s);
  }

  @Test
  void initContainersComeFirst() {
    String spec = "{'initContainers':[{'name':'i1'},{'name':'i2'}],'containers':[{'name':'a'}]}";
    assertEquals("Init:1/2", summary(spec, "{'phase':'Pending','initContainerStatuses':["
        + "{'name':'i1','state':{'terminated':{'exitCode':0}}},{'name':'i2','state':{'running':{}}}]}").status());
    assertEquals("Init:CrashLoopBackOff", summary(spec, "{'phase':'Pending','initContainerStatuses':["
        + "{'name':'i1','state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}").status());
    assertEquals("Init:ExitCode:2", summary(spec, "{'phase':'Pending','initContainerStatuses':["
        + "{'name':'i1','state':{'terminated':{'exitCode':2}}}]}").status());
  }

  @Test
  void aCompletedContainerBesideARunningOneIsRunningOrNotReady() {
    String status = "{'phase':'Running','conditions':[{'type':'Ready','status':'%s'}],'containerStatuses':["
        + "{'name':'a','ready':true,'state':{'running':{}}},{'name':'b','state':{'terminated':{'reason':'Completed','exitCode':0}}}]}";
    assertEquals("Running", summary(TWO, status.formatted("True")).status());
    assertEquals("NotReady", summary(TWO, status.formatted("False")).status());
  }

  @Test
  void deletionAndPhaseReasons() {
    JsonNode deleting = Json.read("{\"metadata\":{\"deletionTimestamp\":\"2025-01-01T00:00:00Z\"},\"status\":{\"phase\":\"Running\"}}",
        JsonNode.class);
    assertEquals("Terminating", PodPrinter.summarize(deleting, NOW).status());
    assertEquals("Evicted", summary(TWO, "{'phase':'Failed','reason':'Evicted'}").status());
    assertEquals("SchedulingGated", summary(TWO,
        "{'phase':'Pending','conditions':[{'type':'PodScheduled','status':'False','reason':'SchedulingGated'}]}").status());
  }
}
