package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubemu.protocols.api.calico.IPPool;
import io.kubemu.protocols.api.calico.IPPoolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API server's defaulting (k8s.io/kubernetes pkg/apis/.../v1/defaults.go) for the kinds served:
 * what a field is when the client leaves it out, so that kubectl describe, the controllers and a
 * later apply see what a real cluster would store; and a Job's generated selector, which needs the
 * uid that {@link Admission} fills first. Pure, in place.
 */
final class Defaults {
  private Defaults() {}

  static void apply(HasMetadata obj) {
    if (obj instanceof Pod p) {
      podSpec(p.getSpec());
    } else if (obj instanceof Deployment d && d.getSpec() != null) {
      var spec = d.getSpec();
      spec.setReplicas(orElse(spec.getReplicas(), 1));
      spec.setRevisionHistoryLimit(orElse(spec.getRevisionHistoryLimit(), 10));
      spec.setProgressDeadlineSeconds(orElse(spec.getProgressDeadlineSeconds(), 600));
      DeploymentStrategy strategy = spec.getStrategy() == null ? new DeploymentStrategy() : spec.getStrategy();
      strategy.setType(orElse(strategy.getType(), "RollingUpdate"));
      if (strategy.getType().equals("RollingUpdate")) {
        RollingUpdateDeployment rolling = strategy.getRollingUpdate() == null ? new RollingUpdateDeployment() : strategy.getRollingUpdate();
        rolling.setMaxUnavailable(orElse(rolling.getMaxUnavailable(), new IntOrString("25%")));
        rolling.setMaxSurge(orElse(rolling.getMaxSurge(), new IntOrString("25%")));
        strategy.setRollingUpdate(rolling);
      }
      spec.setStrategy(strategy);
      template(spec.getTemplate());
    } else if (obj instanceof ReplicaSet rs && rs.getSpec() != null) {
      rs.getSpec().setReplicas(orElse(rs.getSpec().getReplicas(), 1));
      template(rs.getSpec().getTemplate());
    } else if (obj instanceof StatefulSet sts && sts.getSpec() != null) {
      var spec = sts.getSpec();
      spec.setReplicas(orElse(spec.getReplicas(), 1));
      spec.setRevisionHistoryLimit(orElse(spec.getRevisionHistoryLimit(), 10));
      spec.setPodManagementPolicy(orElse(spec.getPodManagementPolicy(), "OrderedReady"));
      StatefulSetUpdateStrategy update = spec.getUpdateStrategy() == null ? new StatefulSetUpdateStrategy() : spec.getUpdateStrategy();
      update.setType(orElse(update.getType(), "RollingUpdate"));
      if (update.getType().equals("RollingUpdate") && update.getRollingUpdate() == null) {
        RollingUpdateStatefulSetStrategy rolling = new RollingUpdateStatefulSetStrategy();
        rolling.setPartition(0);
        update.setRollingUpdate(rolling);
      }
      spec.setUpdateStrategy(update);
      template(spec.getTemplate());
    } else if (obj instanceof DaemonSet ds && ds.getSpec() != null) {
      var spec = ds.getSpec();
      spec.setRevisionHistoryLimit(orElse(spec.getRevisionHistoryLimit(), 10));
      DaemonSetUpdateStrategy update = spec.getUpdateStrategy() == null ? new DaemonSetUpdateStrategy() : spec.getUpdateStrategy();
      update.setType(orElse(update.getType(), "RollingUpdate"));
      if (update.getType().equals("RollingUpdate") && update.getRollingUpdate() == null) {
        RollingUpdateDaemonSet rolling = new RollingUpdateDaemonSet();
        rolling.setMaxUnavailable(new IntOrString(1));
        rolling.setMaxSurge(new IntOrString(0));
        update.setRollingUpdate(rolling);
      }
      spec.setUpdateStrategy(update);
      template(spec.getTemplate());
    } else if (obj instanceof Job job && job.getSpec() != null) {
      var spec = job.getSpec();
      if (spec.getCompletions() == null && spec.getParallelism() == null) {
        spec.setCompletions(1);
      }
      spec.setParallelism(orElse(spec.getParallelism(), 1));
      spec.setBackoffLimit(orElse(spec.getBackoffLimit(), 6));
      spec.setCompletionMode(orElse(spec.getCompletionMode(), "NonIndexed"));
      spec.setSuspend(orElse(spec.getSuspend(), false));
      template(spec.getTemplate());
      if (!Boolean.TRUE.equals(spec.getManualSelector()) && job.getMetadata().getUid() != null) {
        generateSelector(job);
      }
    } else if (obj instanceof Service svc) {
      ServiceDefaults.apply(svc);
    } else if (obj instanceof Secret s) {
      s.setType(orElse(s.getType(), "Opaque"));
    } else if (obj instanceof IPPool pool && pool.getSpec() != null) {
      ipPool(pool.getSpec());
    } else if (obj instanceof Namespace ns && (ns.getStatus() == null || ns.getStatus().getPhase() == null)) {
      NamespaceStatus status = ns.getStatus() == null ? new NamespaceStatus() : ns.getStatus();
      status.setPhase("Active");
      ns.setStatus(status);
    }
  }

  /**
   * The Job strategy's generateSelector (pkg/registry/batch/job/strategy.go): the pods are labelled
   * with the Job's name and uid, and selected by the uid alone, so that they match this Job only.
   * Labels the template already has are kept (a conflict is then refused by validation), which also
   * makes a re-apply of the same manifest leave the generated selector as it is.
   */
  private static void generateSelector(Job j) {
    PodTemplateSpec t = j.getSpec().getTemplate();
    if (t == null) {
      return;
    }
    if (t.getMetadata() == null) {
      t.setMetadata(new ObjectMeta());
    }
    Map<String, String> labels = t.getMetadata().getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(t.getMetadata().getLabels());
    String name = j.getMetadata().getName();
    String uid = j.getMetadata().getUid();
    labels.putIfAbsent("controller-uid", uid);
    labels.putIfAbsent("batch.kubernetes.io/controller-uid", uid);
    labels.putIfAbsent("job-name", name);
    labels.putIfAbsent("batch.kubernetes.io/job-name", name);
    t.getMetadata().setLabels(labels);
    LabelSelector selector = j.getSpec().getSelector() == null ? new LabelSelector() : j.getSpec().getSelector();
    Map<String, String> match = selector.getMatchLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(selector.getMatchLabels());
    match.putIfAbsent("batch.kubernetes.io/controller-uid", uid);
    selector.setMatchLabels(match);
    j.getSpec().setSelector(selector);
  }

  /** What Calico's API server fills in a pool (libcalico-go's ipPools.validateAndSetDefaults): IPv4 values. */
  private static void ipPool(IPPoolSpec spec) {
    spec.setBlockSize(orElse(spec.getBlockSize(), IPPoolSpec.DEFAULT_BLOCK_SIZE));
    spec.setNodeSelector(orElse(spec.getNodeSelector(), "all()"));
    spec.setIpipMode(orElse(spec.getIpipMode(), IPPoolSpec.NEVER));
    spec.setVxlanMode(orElse(spec.getVxlanMode(), IPPoolSpec.NEVER));
    if (spec.getAllowedUses() == null || spec.getAllowedUses().isEmpty()) {
      spec.setAllowedUses(List.of("Workload", "Tunnel"));
    }
    spec.setAssignmentMode(orElse(spec.getAssignmentMode(), "Automatic"));
  }

  private static void template(PodTemplateSpec template) {
    if (template != null) {
      podSpec(template.getSpec());
    }
  }

  /** SetDefaults_PodSpec and SetDefaults_Container: restart and DNS policy, scheduler, grace period, pull policy, ports. */
  static void podSpec(PodSpec spec) {
    if (spec == null) {
      return;
    }
    spec.setRestartPolicy(orElse(spec.getRestartPolicy(), "Always"));
    spec.setDnsPolicy(orElse(spec.getDnsPolicy(), "ClusterFirst"));
    spec.setSchedulerName(orElse(spec.getSchedulerName(), "default-scheduler"));
    spec.setTerminationGracePeriodSeconds(orElse(spec.getTerminationGracePeriodSeconds(), 30L));
    for (List<Container> containers : java.util.Arrays.asList(spec.getContainers(), spec.getInitContainers())) {
      if (containers != null) {
        containers.stream().filter(java.util.Objects::nonNull).forEach(Defaults::container);
      }
    }
  }

  private static void container(Container c) {
    c.setTerminationMessagePath(orElse(c.getTerminationMessagePath(), "/dev/termination-log"));
    c.setTerminationMessagePolicy(orElse(c.getTerminationMessagePolicy(), "File"));
    if (c.getImagePullPolicy() == null && c.getImage() != null) {
      String image = c.getImage();
      String tag = image.contains("@") ? "" : image.lastIndexOf(':') > image.lastIndexOf('/') ? image.substring(image.lastIndexOf(':') + 1) : "latest";
      c.setImagePullPolicy(tag.equals("latest") ? "Always" : "IfNotPresent");
    }
    if (c.getPorts() != null) {
      c.getPorts().stream().filter(java.util.Objects::nonNull).forEach(Defaults::port);
    }
  }

  private static void port(ContainerPort p) {
    p.setProtocol(orElse(p.getProtocol(), "TCP"));
  }

  private static <T> T orElse(T value, T otherwise) {
    return value == null || (value instanceof String s && s.isEmpty()) ? otherwise : value;
  }
}
