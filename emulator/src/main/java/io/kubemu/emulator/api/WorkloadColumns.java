package io.kubemu.emulator.api;

import static io.kubemu.emulator.api.TableColumns.age;
import static io.kubemu.emulator.api.TableColumns.col;
import static io.kubemu.emulator.api.TableColumns.name;
import static io.kubemu.emulator.api.TableColumns.wide;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.api.TableColumns.Printer;
import io.kubemu.emulator.controlplane.LabelSelectorText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The printed columns of the workload kinds: Deployments, ReplicaSets, DaemonSets, StatefulSets and Jobs. */
final class WorkloadColumns {
  private static final String CONTAINERS = "Names of each container in the template.";
  private static final String IMAGES = "Images referenced by each container in the template.";

  static final Map<String, Printer> PRINTERS = Map.of(
      "Deployment", new Printer(List.of(name(), col("Ready", "string", "Number of the pod with ready state"),
          col("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
          col("Available", "string", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
          age(), wide("Containers", CONTAINERS), wide("Images", IMAGES),
          wide("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.")),
          WorkloadColumns::deployment),
      "ReplicaSet", new Printer(List.of(name(), col("Desired", "integer", "Replicas is the number of desired replicas."),
          col("Current", "integer", "Replicas is the most recently observed number of replicas."),
          col("Ready", "integer", "readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition."),
          age(), wide("Containers", CONTAINERS), wide("Images", IMAGES),
          wide("Selector", "Selector is a label query over pods that should match the replica count.")),
          WorkloadColumns::replicaSet),
      "DaemonSet", new Printer(List.of(name(),
          col("Desired", "integer", "The total number of nodes that should be running the daemon pod."),
          col("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
          col("Ready", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
          col("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
          col("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available."),
          col("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node."),
          age(), wide("Containers", CONTAINERS), wide("Images", IMAGES),
          wide("Selector", "A label query over pods that are managed by the daemon set.")),
          WorkloadColumns::daemonSet),
      "StatefulSet", new Printer(List.of(name(), col("Ready", "string", "Number of the pod with ready state"), age(),
          wide("Containers", CONTAINERS), wide("Images", IMAGES)),
          WorkloadColumns::statefulSet),
      "Job", new Printer(List.of(name(), col("Status", "string", "Status of the job."),
          col("Completions", "string", "The number of pods which reached phase Succeeded."),
          col("Duration", "string", "Time required to complete the job."), age(),
          wide("Containers", CONTAINERS), wide("Images", IMAGES),
          wide("Selector", "A label query over pods that should match the pod count.")),
          WorkloadColumns::job));

  private WorkloadColumns() {}

  private static List<Object> deployment(JsonNode d, Instant now) {
    JsonNode spec = d.path("spec");
    JsonNode status = d.path("status");
    List<Object> cells = new ArrayList<>(List.of(d.path("metadata").path("name").asText(),
        status.path("readyReplicas").asLong() + "/" + spec.path("replicas").asLong(1),
        status.path("updatedReplicas").asLong(), status.path("availableReplicas").asLong(), Printers.age(d.path("metadata"), now)));
    cells.addAll(Printers.containers(spec.path("template").path("spec")));
    cells.add(LabelSelectorText.format(spec.path("selector")));
    return cells;
  }

  private static List<Object> replicaSet(JsonNode rs, Instant now) {
    JsonNode spec = rs.path("spec");
    JsonNode status = rs.path("status");
    List<Object> cells = new ArrayList<>(List.of(rs.path("metadata").path("name").asText(), spec.path("replicas").asLong(1),
        status.path("replicas").asLong(), status.path("readyReplicas").asLong(), Printers.age(rs.path("metadata"), now)));
    cells.addAll(Printers.containers(spec.path("template").path("spec")));
    cells.add(LabelSelectorText.formatOrNone(spec.path("selector")));
    return cells;
  }

  private static List<Object> daemonSet(JsonNode ds, Instant now) {
    JsonNode spec = ds.path("spec");
    JsonNode status = ds.path("status");
    List<Object> cells = new ArrayList<>(List.of(ds.path("metadata").path("name").asText(),
        status.path("desiredNumberScheduled").asLong(), status.path("currentNumberScheduled").asLong(),
        status.path("numberReady").asLong(), status.path("updatedNumberScheduled").asLong(),
        status.path("numberAvailable").asLong(), Printers.labels(spec.path("template").path("spec").path("nodeSelector")),
        Printers.age(ds.path("metadata"), now)));
    cells.addAll(Printers.containers(spec.path("template").path("spec")));
    cells.add(LabelSelectorText.formatOrNone(spec.path("selector")));
    return cells;
  }

  private static List<Object> statefulSet(JsonNode sts, Instant now) {
    JsonNode spec = sts.path("spec");
    List<Object> cells = new ArrayList<>(List.of(sts.path("metadata").path("name").asText(),
        sts.path("status").path("readyReplicas").asLong() + "/" + spec.path("replicas").asLong(1),
        Printers.age(sts.path("metadata"), now)));
    cells.addAll(Printers.containers(spec.path("template").path("spec")));
    return cells;
  }

  private static List<Object> job(JsonNode job, Instant now) {
    JsonNode spec = job.path("spec");
    JsonNode status = job.path("status");
    long succeeded = status.path("succeeded").asLong();
    String completions;
    if (spec.hasNonNull("completions")) {
      completions = succeeded + "/" + spec.path("completions").asLong();
    } else {
      long parallelism = spec.path("parallelism").asLong(0);
      completions = parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }
    String duration = "";
    Instant start = instant(status.get("startTime"));
    Instant end = instant(status.get("completionTime"));
    if (start != null) {
      duration = Printers.humanDuration(Duration.between(start, end == null ? now : end));
    }
    String state = condition(status, "Complete") ? "Complete" : condition(status, "Failed") ? "Failed"
        : job.path("metadata").hasNonNull("deletionTimestamp") ? "Terminating"
        : condition(status, "Suspended") ? "Suspended" : condition(status, "FailureTarget") ? "FailureTarget" : "Running";
    List<Object> cells = new ArrayList<>(List.of(job.path("metadata").path("name").asText(), state, completions, duration,
        Printers.age(job.path("metadata"), now)));
    cells.addAll(Printers.containers(spec.path("template").path("spec")));
    cells.add(LabelSelectorText.formatOrNone(spec.path("selector")));
    return cells;
  }

  private static boolean condition(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  private static Instant instant(JsonNode t) {
    try {
      return t != null && t.isTextual() ? Instant.parse(t.asText()) : null;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
