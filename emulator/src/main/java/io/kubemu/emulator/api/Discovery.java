package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.controlplane.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The core (v1) resources this API server knows, and the discovery documents kubectl and client libraries read. */
final class Discovery {
  static final List<String> WRITE_VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");
  static final List<String> READ_VERBS = List.of("get", "list", "watch");

  /** A resource (plural) and its kind, scope, singular, short names, and whether it can be written here. */
  record Resource(String plural, String kind, boolean namespaced, String singular, List<String> shortNames, boolean writable) {
    List<String> verbs() {
      return writable ? WRITE_VERBS : READ_VERBS;
    }
  }

  /** Writable: the kinds the store serves (Admission.SERVED). Read-only: Nodes (from the node registry) and kinds listed but not yet served. */
  static final Map<String, Resource> RESOURCES = byPlural(
      new Resource("configmaps", "ConfigMap", true, "configmap", List.of("cm"), true),
      new Resource("endpoints", "Endpoints", true, "endpoints", List.of("ep"), false),
      new Resource("namespaces", "Namespace", false, "namespace", List.of("ns"), true),
      new Resource("nodes", "Node", false, "node", List.of("no"), false),
      new Resource("pods", "Pod", true, "pod", List.of("po"), true),
      new Resource("secrets", "Secret", true, "secret", List.of(), true),
      new Resource("serviceaccounts", "ServiceAccount", true, "serviceaccount", List.of("sa"), true),
      new Resource("services", "Service", true, "service", List.of("svc"), false));

  private Discovery() {}

  private static Map<String, Resource> byPlural(Resource... resources) {
    Map<String, Resource> m = new LinkedHashMap<>();
    for (Resource r : resources) {
      m.put(r.plural(), r);
    }
    return m;
  }

  /** GET /api: metav1.APIVersions. */
  static String apiVersions() {
    return "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
  }

  /** GET /apis: metav1.APIGroupList; every kind served so far is in the core group, so no named groups. */
  static String apiGroups() {
    return "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
  }

  /** GET /api/v1: metav1.APIResourceList. */
  static String coreResources() {
    ObjectNode out = ApiServer.object();
    out.put("kind", "APIResourceList");
    out.put("groupVersion", "v1");
    ArrayNode list = out.putArray("resources");
    for (Resource r : RESOURCES.values()) {
      ObjectNode o = list.addObject();
      o.put("name", r.plural());
      o.put("singularName", r.singular());
      o.put("namespaced", r.namespaced());
      o.put("kind", r.kind());
      r.verbs().forEach(o.putArray("verbs")::add);
      if (!r.shortNames().isEmpty()) {
        r.shortNames().forEach(o.putArray("shortNames")::add);
      }
    }
    return Json.write(out);
  }
}
