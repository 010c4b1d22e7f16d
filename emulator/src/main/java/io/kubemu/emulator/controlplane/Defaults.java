package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API server's defaulting (pkg/apis/{core,apps,batch}/v1/defaults.go) for the kinds served:
 * what a field means when a manifest leaves it out, filled in before validation and storage so
 * that controllers and clients read the same values the real API server would store; and a Job's
 * generated selector, which needs the uid that {@link Admission} fills first.
 */
final class Defaults {
  private Defaults() {}

  static void apply(HasMetadata obj) {
    if (obj instanceof Pod p) {
      pod(p.getSpec());
    } else if (obj instanceof Deployment d && d.getSpec() != null) {
      deployment(d);
    } else if (obj instanceof ReplicaSet rs && rs.getSpec() != null) {
      rs.getSpec().setReplicas(or(rs.getSpec().getReplicas(), 1));
      template(rs.getSpec().getTemplate());
    } else if (obj instanceof DaemonSet ds && ds.getSpec() != null) {
      daemonSet(ds);
    } else if (obj instanceof StatefulSet ss && ss.getSpec() != null) {
      statefulSet(ss);
    } else if (obj instanceof Job j && j.getSpec() != null) {
      j.getSpec().setParallelism(or(j.getSpec().getParallelism(), 1));
      j.getSpec().setBackoffLimit(or(j.getSpec().getBackoffLimit(), 6));
      if (j.getSpec().getCompletionMode() == null) {
        j.getSpec().setCompletionMode("NonIndexed");
      }
      if (j.getSpec().getSuspend() == null) {
        j.getSpec().setSuspend(false);
      }
      template(j.getSpec().getTemplate());
      if (!Boolean.TRUE.equals(j.getSpec().getManualSelector()) && j.getMetadata().getUid() != null) {
        generateSelector(j);
      }
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

  private static void deployment(Deployment d) {
    var spec = d.getSpec();
    spec.setReplicas(or(spec.getReplicas(), 1));
    spec.setRevisionHistoryLimit(or(spec.getRevisionHistoryLimit(), 10));
    spec.setProgressDeadlineSeconds(or(spec.getProgressDeadlineSeconds(), 600));
    if (spec.getStrategy() == null) {
      spec.setStrategy(new DeploymentStrategy(null, "RollingUpdate"));
    }
    if ("RollingUpdate".equals(spec.getStrategy().getType())) {
      RollingUpdateDeployment ru = spec.getStrategy().getRollingUpdate();
      if (ru == null) {
        ru = new RollingUpdateDeployment();
        spec.getStrategy().setRollingUpdate(ru);
      }
      if (ru.getMaxSurge() == null) {
        ru.setMaxSurge(new IntOrString("25%"));
      }
      if (ru.getMaxUnavailable() == null) {
        ru.setMaxUnavailable(new IntOrString("25%"));
      }
    }
    template(spec.getTemplate());
  }

  private static void daemonSet(DaemonSet ds) {
    var spec = ds.getSpec();
    spec.setRevisionHistoryLimit(or(spec.getRevisionHistoryLimit(), 10));
    if (spec.getUpdateStrategy() == null) {
      spec.setUpdateStrategy(new DaemonSetUpdateStrategy(null, "RollingUpdate"));
    }
    if ("RollingUpdate".equals(spec.getUpdateStrategy().getType()) && spec.getUpdateStrategy().getRollingUpdate() == null) {
      spec.getUpdateStrategy().setRollingUpdate(new RollingUpdateDaemonSet(new IntOrString(0), new IntOrString(1)));
    }
    template(spec.getTemplate());
  }

  private static void statefulSet(StatefulSet ss) {
    var spec = ss.getSpec();
    spec.setReplicas(or(spec.getReplicas(), 1));
    spec.setRevisionHistoryLimit(or(spec.getRevisionHistoryLimit(), 10));
    if (spec.getPodManagementPolicy() == null) {
      spec.setPodManagementPolicy("OrderedReady");
    }
    if (spec.getUpdateStrategy() == null) {
      spec.setUpdateStrategy(new StatefulSetUpdateStrategy(null, "RollingUpdate"));
    }
    if ("RollingUpdate".equals(spec.getUpdateStrategy().getType()) && spec.getUpdateStrategy().getRollingUpdate() == null) {
      spec.getUpdateStrategy().setRollingUpdate(new RollingUpdateStatefulSetStrategy(null, 0));
    }
    template(spec.getTemplate());
  }

  private static void template(PodTemplateSpec t) {
    if (t != null) {
      pod(t.getSpec());
    }
  }

  static void pod(PodSpec spec) {
    if (spec == null) {
      return;
    }
    if (spec.getRestartPolicy() == null) {
      spec.setRestartPolicy("Always");
    }
    if (spec.getDnsPolicy() == null) {
      spec.setDnsPolicy("ClusterFirst");
    }
    if (spec.getSchedulerName() == null) {
      spec.setSchedulerName("default-scheduler");
    }
    if (spec.getTerminationGracePeriodSeconds() == null) {
      spec.setTerminationGracePeriodSeconds(30L);
    }
  }

  private static Integer or(Integer value, int otherwise) {
    return value == null ? otherwise : value;
  }
}
