package io.kubemu.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The STATUS, READY, RESTARTS and AGE columns, computed as kubectl does from the objects' JSON. */
class TablesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static JsonNode pod(String status) {
    return json("{'metadata':{'name':'web'},'spec':{'containers':[{'name':'a'},{'name':'b'}]},'status':" + status + "}");
  }

  @Test
  void podStatusIsThePhaseByDefault() {
    assertEquals("Running", Tables.podStatus(pod("{'phase':'Running'}")));
    assertEquals("Pending", Tables.podStatus(json("{'metadata':{'name':'web'}}")));
  }

  @Test
  void aWaitingContainerShowsItsReason() {
    assertEquals("ContainerCreating", Tables.podStatus(pod(
        "{'phase':'Pending','containerStatuses':[{'state':{'waiting':{'reason':'ContainerCreating'}}}]}")));
    assertEquals("CrashLoopBackOff", Tables.podStatus(pod("{'phase':'Running','containerStatuses':["
        + "{'state':{'running':{}}},{'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}")));
    assertEquals("Running", Tables.podStatus(pod(
        "{'phase':'Running','containerStatuses':[{'state':{'waiting':{'reason':''}}}]}")), "an empty reason is ignored");
  }

  @Test
  void aTerminatedContainerShowsItsReason() {
    assertEquals("Completed", Tables.podStatus(pod(
        "{'phase':'Succeeded','containerStatuses':[{'state':{'terminated':{'reason':'Completed','exitCode':0}}}]}")));
    assertEquals("Error", Tables.podStatus(pod(
        "{'phase':'Failed','containerStatuses':[{'state':{'terminated':{'reason':'Error','exitCode':1}}}]}")));
  }

  @Test
  void aPodBeingDeletedIsTerminating() {
    assertEquals("Terminating", Tables.podStatus(json(
        "{'metadata':{'name':'web','deletionTimestamp':'2024-01-01T00:00:00Z'},'status':{'phase':'Running'}}")));
  }

  @Test
  void readyCountsRunningReadyContainersAndRestartsCountsAll() {
    JsonNode p = pod("{'containerStatuses':[{'ready':true,'restartCount':2,'state':{'running':{}}},{'ready':false,'restartCount':1}]}");
    assertEquals("1/2", Tables.podReady(p));
    assertEquals("3", Tables.restarts(p));
    assertEquals("0/2", Tables.podReady(pod("{}")));
    assertEquals("0", Tables.restarts(pod("{}")));
  }

  @Test
  void nodeReadyReadsTheReadyCondition() {
    assertEquals("Ready", Tables.nodeReady(json("{'status':{'conditions':[{'type':'Ready','status':'True'}]}}")));
    assertEquals("NotReady", Tables.nodeReady(json("{'status':{'conditions':[{'type':'Ready','status':'Unknown'}]}}")));
    assertEquals("Unknown", Tables.nodeReady(json("{'status':{}}")));
  }

  @Test
  void ageIsShortAsKubectlPrintsIt() {
    assertEquals("<unknown>", Tables.age(json("{}")));
    assertEquals("10m", Tables.age(json("{'creationTimestamp':'" + Instant.now().minus(Duration.ofMinutes(10).plusSeconds(5)) + "'}")));
    assertEquals("5h10m", Tables.age(json("{'creationTimestamp':'" + Instant.now().minus(Duration.ofMinutes(5 * 60 + 10)) + "'}")));
    assertEquals("3d8h", Tables.age(json("{'creationTimestamp':'" + Instant.now().minus(Duration.ofHours(80)) + "'}")));
  }
}
