package io.kubemu.emulator.controlplane;

import org.slf4j.Logger;

/**
 * The {@code kubernetes} Service in {@code default} that every cluster has: the first address of the
 * service CIDR (10.96.0.1), port 443 named https to the API server's 6443, labelled as the API server
 * labels it. Created through the ordinary create path when a store starts without it. It has no
 * selector and kubemu gives it no endpoints: the API server listens on the host, not in the pod network.
 */
final class KubernetesService {
  private KubernetesService() {}

  static void ensure(ObjectStore store, Logger log) {
    if (store.get("Service", "default", "kubernetes").isPresent()) {
      return;
    }
    String ip = store.services().network().apiServerAddress().toString();
    String json = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"kubernetes","namespace":"default",
         "labels":{"component":"apiserver","provider":"kubernetes"}},
         "spec":{"type":"ClusterIP","clusterIP":"%s","ports":[{"name":"https","port":443,"protocol":"TCP","targetPort":6443}]}}"""
        .formatted(ip);
    Writes.Outcome out = Writes.create(store, "Service", "default", json);
    if (out.code() != 201) {
      log.warn("could not create the kubernetes Service at {}: {}", ip, out.json());
    }
  }
}
