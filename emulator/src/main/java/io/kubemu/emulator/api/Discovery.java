package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.api.ApiResources.Resource;
import io.kubemu.emulator.controlplane.Json;
import java.util.List;

/**
 * The discovery documents kubectl and client libraries read (the legacy, unaggregated ones; clients
 * that ask for aggregated discovery first fall back to these when the answer is plain JSON):
 * {@code /api} APIVersions, {@code /apis} APIGroupList, {@code /apis/{group}} APIGroup and
 * {@code /api/v1}, {@code /apis/{group}/{version}} APIResourceList.
 */
final class Discovery {
  private Discovery() {}

  /** GET /api: metav1.APIVersions. */
  static String apiVersions() {
    return "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
  }

  /** GET /apis: metav1.APIGroupList. */
  static String apiGroups() {
    ObjectNode out = ApiServer.object();
    out.put("kind", "APIGroupList");
    out.put("apiVersion", "v1");
    ArrayNode groups = out.putArray("groups");
    ApiResources.groups().forEach((name, versions) -> group(groups.addObject(), name, versions));
    return Json.write(out);
  }

  /** GET /apis/{group}: metav1.APIGroup, or null for a group not served. */
  static String apiGroup(String name) {
    List<String> versions = ApiResources.groups().get(name);
    if (versions == null) {
      return null;
    }
    ObjectNode out = ApiServer.object();
    out.put("kind", "APIGroup");
    out.put("apiVersion", "v1");
    group(out, name, versions);
    return Json.write(out);
  }

  private static void group(ObjectNode out, String name, List<String> versions) {
    out.put("name", name);
    ArrayNode list = out.putArray("versions");
    versions.forEach(v -> list.addObject().put("groupVersion", name + "/" + v).put("version", v));
    out.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0)).put("version", versions.get(0));
  }

  /** GET /api/v1 or /apis/{group}/{version}: metav1.APIResourceList, or null for a version not served. */
  static String resources(String groupVersion) {
    List<Resource> served = ApiResources.inGroupVersion(groupVersion);
    if (served.isEmpty()) {
      return null;
    }
    ObjectNode out = ApiServer.object();
    out.put("kind", "APIResourceList");
    out.put("apiVersion", "v1");
    out.put("groupVersion", groupVersion);
    ArrayNode list = out.putArray("resources");
    for (Resource r : served) {
      ObjectNode o = list.addObject();
      o.put("name", r.plural());
      o.put("singularName", r.singular());
      o.put("namespaced", r.namespaced());
      o.put("kind", r.kind());
      r.verbs().forEach(o.putArray("verbs")::add);
      if (!r.shortNames().isEmpty()) {
        r.shortNames().forEach(o.putArray("shortNames")::add);
      }
      if (!r.categories().isEmpty()) {
        r.categories().forEach(o.putArray("categories")::add);
      }
      for (String sub : r.subresources()) {
        subresource(list.addObject(), r, sub);
      }
    }
    return Json.write(out);
  }

  private static void subresource(ObjectNode o, Resource r, String sub) {
    o.put("name", r.plural() + "/" + sub);
    o.put("singularName", "");
    o.put("namespaced", r.namespaced());
    if (sub.equals("scale")) {
      o.put("group", "autoscaling");
      o.put("version", "v1");
      o.put("kind", "Scale");
    } else {
      o.put("kind", r.kind());
    }
    (r.writable() ? ApiResources.SUBRESOURCE_VERBS : List.of("get")).forEach(o.putArray("verbs")::add);
  }
}
