package io.kubemu.emulator.api;

import static io.kubemu.emulator.api.TableColumns.age;
import static io.kubemu.emulator.api.TableColumns.col;
import static io.kubemu.emulator.api.TableColumns.name;
import static io.kubemu.emulator.api.TableColumns.wide;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.api.TableColumns.Printer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The printed columns of Services, EndpointSlices, Ingresses and IngressClasses (printService, printEndpointSlice, ...),
 * and of Calico's IPPools as calicoctl prints them.
 */
final class NetworkColumns {
  static final Map<String, Printer> PRINTERS = Map.of(
      "Service", new Printer(List.of(name(),
          col("Type", "string", "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName,"
              + " ClusterIP, NodePort, and LoadBalancer."),
          col("Cluster-IP", "string", "clusterIP is the IP address of the service and is usually assigned randomly."),
          col("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept"
              + " traffic for this service."),
          col("Port(s)", "string", "The list of ports that are exposed by this service."), age(),
          wide("Selector", "Route service traffic to pods with label keys and values matching this selector.")),
          NetworkColumns::service),
      "EndpointSlice", new Printer(List.of(name(),
          col("AddressType", "string", "addressType specifies the type of address carried by this EndpointSlice."),
          col("Ports", "string", "ports specifies the list of network ports exposed by each endpoint in this slice."),
          col("Endpoints", "string", "endpoints is a list of unique endpoints in this slice."), age()),
          NetworkColumns::endpointSlice),
      "Ingress", new Printer(List.of(name(),
          col("Class", "string", "ingressClassName is the name of an IngressClass cluster resource."),
          col("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
          col("Address", "string", "Address is a list containing ingress points for the load-balancer"),
          col("Ports", "string", "Ports of TLS configurations that open"), age()),
          NetworkColumns::ingress),
      "IngressClass", new Printer(List.of(name(),
          col("Controller", "string", "controller refers to the name of the controller that should handle this class."),
          col("Parameters", "string", "parameters is a link to a custom resource containing additional configuration for the"
              + " controller."), age()),
          NetworkColumns::ingressClass),
      "IPPool", new Printer(List.of(name(),
          col("CIDR", "string", "The pool CIDR."),
          col("Selector", "string", "Allows IPPool to allocate for a specific node by label selector.")),
          NetworkColumns::ipPool));

  /** Endpoints and ports beyond this many are summed up as "+ N more...". */
  private static final int LISTED = 3;

  private NetworkColumns() {}

  private static List<Object> service(JsonNode svc, Instant now) {
    JsonNode spec = svc.path("spec");
    String clusterIp = spec.path("clusterIPs").size() > 0 ? spec.path("clusterIPs").get(0).asText() : "<none>";
    List<String> ports = new ArrayList<>();
    for (JsonNode p : spec.path("ports")) {
      String protocol = p.path("protocol").asText("");
      int nodePort = p.path("nodePort").asInt(0);
      ports.add(nodePort > 0 ? p.path("port").asInt() + ":" + nodePort + "/" + protocol : p.path("port").asInt() + "/" + protocol);
    }
    return List.of(svc.path("metadata").path("name").asText(), spec.path("type").asText(""), clusterIp, externalIp(svc),
        ports.isEmpty() ? "<none>" : String.join(",", ports), Printers.age(svc.path("metadata"), now),
        Printers.labels(spec.path("selector")));
  }

  /** getServiceExternalIP, as the server prints it (wide: load balancer addresses are not cut short). */
  private static String externalIp(JsonNode svc) {
    JsonNode spec = svc.path("spec");
    List<String> external = new ArrayList<>();
    spec.path("externalIPs").forEach(ip -> external.add(ip.asText()));
    switch (spec.path("type").asText("")) {
      case "ClusterIP", "NodePort":
        return external.isEmpty() ? "<none>" : String.join(",", external);
      case "LoadBalancer":
        TreeSet<String> ingress = new TreeSet<>();
        for (JsonNode i : svc.path("status").path("loadBalancer").path("ingress")) {
          String ip = i.path("ip").asText("");
          String host = i.path("hostname").asText("");
          if (!ip.isEmpty() || !host.isEmpty()) {
            ingress.add(ip.isEmpty() ? host : ip);
          }
        }
        List<String> all = new ArrayList<>(ingress);
        all.addAll(external);
        return all.isEmpty() ? "<pending>" : String.join(",", all);
      case "ExternalName":
        return spec.path("externalName").asText("");
      default:
        return "<unknown>";
    }
  }

  private static List<Object> endpointSlice(JsonNode slice, Instant now) {
    List<String> ports = new ArrayList<>();
    for (JsonNode p : slice.path("ports")) {
      ports.add(p.hasNonNull("port") ? p.path("port").asText() : p.hasNonNull("name") ? p.path("name").asText() : "*");
    }
    List<String> addresses = new ArrayList<>();
    slice.path("endpoints").forEach(e -> e.path("addresses").forEach(a -> addresses.add(a.asText())));
    return List.of(slice.path("metadata").path("name").asText(), slice.path("addressType").asText(""), listed(ports),
        listed(addresses), Printers.age(slice.path("metadata"), now));
  }

  /** printIngress: hosts of the rules ("*" for none), the load balancer's addresses, 80 and 443 with TLS. */
  private static List<Object> ingress(JsonNode ing, Instant now) {
    JsonNode spec = ing.path("spec");
    List<String> hosts = new ArrayList<>();
    for (JsonNode r : spec.path("rules")) {
      hosts.add(r.path("host").asText("").isEmpty() ? "*" : r.path("host").asText());
    }
    List<String> addresses = new ArrayList<>();
    for (JsonNode i : ing.path("status").path("loadBalancer").path("ingress")) {
      addresses.add(i.path("ip").asText("").isEmpty() ? i.path("hostname").asText("") : i.path("ip").asText());
    }
    String className = spec.path("ingressClassName").asText("");
    return List.of(ing.path("metadata").path("name").asText(), className.isEmpty() ? "<none>" : className,
        hosts.isEmpty() ? "*" : listed(hosts), String.join(",", addresses), spec.path("tls").size() > 0 ? "80, 443" : "80",
        Printers.age(ing.path("metadata"), now));
  }

  private static List<Object> ingressClass(JsonNode c, Instant now) {
    JsonNode p = c.path("spec").path("parameters");
    String params = p.isMissingNode() ? "<none>"
        : p.path("kind").asText("") + (p.path("apiGroup").asText("").isEmpty() ? "" : "." + p.path("apiGroup").asText()) + "/"
            + p.path("name").asText("");
    return List.of(c.path("metadata").path("name").asText(), c.path("spec").path("controller").asText(""), params,
        Printers.age(c.path("metadata"), now));
  }

  /** As calicoctl get ippools prints them: name, CIDR, node selector. */
  private static List<Object> ipPool(JsonNode pool, Instant now) {
    JsonNode spec = pool.path("spec");
    return List.of(pool.path("metadata").path("name").asText(), spec.path("cidr").asText(""), spec.path("nodeSelector").asText(""));
  }

  /** listWithMoreString: the first three, then "+ N more...", or "<unset>" when there are none. */
  private static String listed(List<String> items) {
    if (items.isEmpty()) {
      return "<unset>";
    }
    String shown = String.join(",", items.subList(0, Math.min(LISTED, items.size())));
    return items.size() > LISTED ? shown + " + " + (items.size() - LISTED) + " more..." : shown;
  }
}
