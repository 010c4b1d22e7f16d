package io.kubemu.emulator.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubemu.emulator.controlplane.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** Owner references and pods from templates, as the workload controllers make them. */
public final class Owners {
  private Owners() {}

  /** The controller reference an owner puts on what it creates (controller and blockOwnerDeletion set). */
  public static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  /** Whether {@code o}'s controller reference names {@code owner} (by uid). */
  public static boolean controlledBy(HasMetadata o, HasMetadata owner) {
    return ObjectCache.controllerOf(o).map(r -> owner.getMetadata().getUid().equals(r.getUid())).orElse(false);
  }

  /** A new pod from a template: its labels, annotations and spec, owned by {@code owner}, named {@code generateName} + a suffix. */
  public static Pod podFromTemplate(PodTemplateSpec template, HasMetadata owner, String generateName) {
    Pod pod = new Pod();
    pod.setApiVersion("v1");
    pod.setKind("Pod");
    ObjectMeta meta = new ObjectMeta();
    ObjectMeta t = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    meta.setLabels(t.getLabels() == null ? null : new HashMap<>(t.getLabels()));
    meta.setAnnotations(t.getAnnotations() == null ? null : new HashMap<>(t.getAnnotations()));
    meta.setGenerateName(generateName);
    meta.setNamespace(owner.getMetadata().getNamespace());
    meta.setOwnerReferences(new ArrayList<>(List.of(controllerRef(owner))));
    pod.setMetadata(meta);
    pod.setSpec(Json.MAPPER.convertValue(template.getSpec(), PodSpec.class));
    return pod;
  }

  /** A deep copy, to change and write back without touching the cache. */
  @SuppressWarnings("unchecked")
  public static <T extends HasMetadata> T copy(T o) {
    return (T) Json.copy(o);
  }
}
