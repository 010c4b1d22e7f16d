package io.kubemu.emulator.api;

import static io.kubemu.emulator.api.TableColumns.age;
import static io.kubemu.emulator.api.TableColumns.col;
import static io.kubemu.emulator.api.TableColumns.name;
import static io.kubemu.emulator.api.TableColumns.wide;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.api.TableColumns.Column;
import io.kubemu.emulator.api.TableColumns.Printer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The printed columns of the core kinds: Pods, Nodes, Namespaces, Events, ConfigMaps, Secrets, ServiceAccounts. */
final class CoreColumns {
  static final Map<String, Printer> PRINTERS = Map.of(
      "Pod", new Printer(List.of(name(), col("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
          col("Status", "string", "The aggregate status of the containers in this pod."),
          col("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
          age(), wide("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
          wide("Node", "NodeName indicates in which node this pod is scheduled."),
          wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node."),
          wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.")),
          CoreColumns::pod),
      "Node", new Printer(List.of(name(), col("Status", "string", "The status of the node"),
          col("Roles", "string", "The roles of the node"), age(),
          col("Version", "string", "Kubelet Version reported by the node."),
          wide("Internal-IP", "List of addresses reachable to the node."),
          wide("External-IP", "List of addresses reachable to the node."),
          wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
          wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
          wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).")),
          CoreColumns::node),
      "Namespace", new Printer(List.of(name(), col("Status", "string", "The status of the namespace"), age()),
          (o, now) -> List.of(o.path("metadata").path("name").asText(), o.path("status").path("phase").asText(""),
              Printers.age(o.path("metadata"), now))),
      "Event", new Printer(List.of(col("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
          col("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
          col("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
          col("Object", "string", "The object that this event is about."),
          wide("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement."),
          wide("Source", "The component reporting this event."),
          col("Message", "string", "A human-readable description of the status of this operation."),
          wide("First Seen", "The time at which the event was first recorded."),
          wide("Count", "The number of times this event has occurred."),
          new Column("Name", "string", "name", TableColumns.NAME_DOC, 1)),
          CoreColumns::event),
      "ConfigMap", new Printer(List.of(name(), col("Data", "string", "Data contains the configuration data."), age()),
          (o, now) -> List.of(o.path("metadata").path("name").asText(), (long) (o.path("data").size() + o.path("binaryData").size()),
              Printers.age(o.path("metadata"), now))),
      "Secret", new Printer(List.of(name(), col("Type", "string", "Used to facilitate programmatic handling of secret data."),
          col("Data", "string", "Data contains the secret data."), age()),
          (o, now) -> List.of(o.path("metadata").path("name").asText(), o.path("type").asText(""), (long) o.path("data").size(),
              Printers.age(o.path("metadata"), now))),
      "ServiceAccount", new Printer(List.of(name(), col("Secrets", "string", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), age()),
          (o, now) -> List.of(o.path("metadata").path("name").asText(), (long) o.path("secrets").size(),
              Printers.age(o.path("metadata"), now))));

  private CoreColumns() {}

  private static List<Object> pod(JsonNode pod, Instant now) {
    PodPrinter.Summary s = PodPrinter.summarize(pod, now);
    JsonNode status = pod.path("status");
    String ip = status.path("podIPs").size() > 0 ? status.path("podIPs").get(0).path("ip").asText("") : "";
    int gates = pod.path("spec").path("readinessGates").size();
    String readinessGates = "<none>";
    if (gates > 0) {
      int passing = 0;
      for (JsonNode gate : pod.path("spec").path("readinessGates")) {
        for (JsonNode c : status.path("conditions")) {
          if (c.path("type").asText().equals(gate.path("conditionType").asText())) {
            passing += c.path("status").asText().equals("True") ? 1 : 0;
            break;
          }
        }
      }
      readinessGates = passing + "/" + gates;
    }
    return List.of(pod.path("metadata").path("name").asText(), s.ready(), s.status(), s.restarts(),
        Printers.age(pod.path("metadata"), now), ip.isEmpty() ? "<none>" : ip,
        Printers.text(pod.path("spec").get("nodeName"), "<none>"), Printers.text(status.get("nominatedNodeName"), "<none>"),
        readinessGates);
  }

  private static List<Object> node(JsonNode node, Instant now) {
    JsonNode info = node.path("status").path("nodeInfo");
    return List.of(node.path("metadata").path("name").asText(), Printers.nodeStatus(node), Printers.nodeRoles(node),
        Printers.age(node.path("metadata"), now), info.path("kubeletVersion").asText(""),
        Printers.nodeAddress(node, "InternalIP"), Printers.nodeAddress(node, "ExternalIP"),
        Printers.text(info.get("osImage"), "<unknown>"), Printers.text(info.get("kernelVersion"), "<unknown>"),
        Printers.text(info.get("containerRuntimeVersion"), "<unknown>"));
  }

  private static List<Object> event(JsonNode e, Instant now) {
    String first = e.hasNonNull("firstTimestamp") ? Printers.since(e.get("firstTimestamp"), now) : Printers.since(e.get("eventTime"), now);
    String last = e.hasNonNull("lastTimestamp") ? Printers.since(e.get("lastTimestamp"), now) : first;
    long count = e.path("count").asLong(0);
    if (e.hasNonNull("series")) {
      last = Printers.since(e.path("series").get("lastObservedTime"), now);
      count = e.path("series").path("count").asLong();
    } else if (count == 0) {
      count = 1;
    }
    JsonNode involved = e.path("involvedObject");
    String kind = involved.path("kind").asText("").toLowerCase();
    String target = involved.path("name").asText("").isEmpty() ? kind : kind + "/" + involved.path("name").asText();
    String component = Printers.text(e.path("source").get("component"), e.path("reportingComponent").asText(""));
    String host = Printers.text(e.path("source").get("host"), e.path("reportingInstance").asText(""));
    List<Object> cells = new ArrayList<>(List.of(last, e.path("type").asText(""), e.path("reason").asText(""), target,
        involved.path("fieldPath").asText(""), host.isEmpty() ? component : component + ", " + host,
        e.path("message").asText("").trim(), first, count, e.path("metadata").path("name").asText()));
    return cells;
  }
}
