package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.api.ApiResources.Resource;
import io.kubemu.emulator.controlplane.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI v3 documents, as far as kubectl reads them before it writes: {@code /openapi/v3} lists a
 * document per group version, and each document has the PATCH operation of every resource with its
 * group-version-kind and the {@code fieldValidation} parameter. From that kubectl learns that the server
 * validates fields itself (so it does not fetch the v2 schema to validate on its own, which kubemu does
 * not serve), and, finding no request body types, computes apply patches from its built-in types.
 * Schemas (for kubectl explain) are not served.
 */
final class OpenApi {
  private static final Map<String, String> DOCUMENTS = documents();

  private OpenApi() {}

  /** GET /openapi/v3: the group versions and where their documents are. */
  static String index() {
    ObjectNode out = ApiServer.object();
    ObjectNode paths = out.putObject("paths");
    DOCUMENTS.forEach((key, doc) -> paths.putObject(key)
        .put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + String.format("%08X", doc.hashCode())));
    return Json.write(out);
  }

  /** GET /openapi/v3/api/v1 or /openapi/v3/apis/{group}/{version} ({@code key} without the prefix), or null. */
  static String document(String key) {
    return DOCUMENTS.get(key);
  }

  private static Map<String, String> documents() {
    Map<String, List<Resource>> byKey = new TreeMap<>();
    for (Resource r : ApiResources.RESOURCES) {
      String key = r.group().isEmpty() ? "api/" + r.version() : "apis/" + r.group() + "/" + r.version();
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    Map<String, String> out = new TreeMap<>();
    byKey.forEach((key, resources) -> out.put(key, Json.write(document(key, resources))));
    return Map.copyOf(out);
  }

  private static ObjectNode document(String key, List<Resource> resources) {
    ObjectNode doc = ApiServer.object();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0-kubemu");
    ObjectNode paths = doc.putObject("paths");
    for (Resource r : resources) {
      String path = "/" + key + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural() + "/{name}";
      ObjectNode patch = paths.putObject(path).putObject("patch");
      patch.put("description", "partially update the specified " + r.kind());
      patch.put("operationId", "patch" + r.kind());
      ArrayNode parameters = patch.putArray("parameters");
      parameters.addObject().put("name", "fieldValidation").put("in", "query").putObject("schema").put("type", "string");
      parameters.addObject().put("name", "fieldManager").put("in", "query").putObject("schema").put("type", "string");
      patch.putObject("responses").putObject("200").put("description", "OK");
      patch.put("x-kubernetes-action", "patch");
      patch.putObject("x-kubernetes-group-version-kind").put("group", r.group()).put("version", r.version()).put("kind", r.kind());
    }
    doc.putObject("components").putObject("schemas");
    return doc;
  }
}
