package io.kubemu.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CLI's names for resources, and the server's Tables printed as kubectl prints them. */
class ServerTablesTest {
  @Test
  void kubectlsNamesAndShortNamesFindTheirResources() {
    assertEquals("/api/v1/namespaces/default/services", ResourceNames.find("svc").orElseThrow().collection("default"));
    assertEquals("/apis/apps/v1/deployments", ResourceNames.find("Deploy").orElseThrow().collection(null));
    assertEquals("/api/v1/nodes", ResourceNames.find("no").orElseThrow().collection("default"), "nodes are not namespaced");
    assertEquals("/apis/discovery.k8s.io/v1/namespaces/kube-system/endpointslices",
        ResourceNames.find("endpointslice").orElseThrow().collection("kube-system"));
    assertEquals("/apis/networking.k8s.io/v1/namespaces/shop/ingresses", ResourceNames.find("ing").orElseThrow().collection("shop"));
    assertEquals("/apis/networking.k8s.io/v1/ingressclasses", ResourceNames.find("ingressclass").orElseThrow().collection("shop"));
    assertFalse(ResourceNames.find("networkpolicy").isPresent(), "not served yet");
    assertEquals("/apis/projectcalico.org/v3/ippools", ResourceNames.find("ippools").orElseThrow().collection("default"));
    assertEquals("/apis/projectcalico.org/v3/bgppeers", ResourceNames.find("bgppeer").orElseThrow().collection(null));
    assertEquals("/apis/projectcalico.org/v3/bgpconfigurations", ResourceNames.find("BGPConfigurations").orElseThrow().collection(null));
  }

  @Test
  void priorityZeroColumnsUnlessWideAndTheNamespaceAcrossNamespaces() throws Exception {
    JsonNode table = ApiClient.JSON.readTree("""
        {"kind":"Table","columnDefinitions":[{"name":"Name","priority":0},{"name":"Type","priority":0},
         {"name":"Selector","priority":1}],
         "rows":[{"cells":["web","NodePort","app=web"],"object":{"metadata":{"name":"web","namespace":"default"}}}]}""");
    assertEquals("NAME   TYPE\nweb    NodePort\n", printed(table, false, false));
    assertEquals("NAMESPACE   NAME   TYPE       SELECTOR\ndefault     web    NodePort   app=web\n", printed(table, true, true));
    assertFalse(ServerTables.print(ApiClient.JSON.readTree("{\"columnDefinitions\":[],\"rows\":[]}"), false, false));
  }

  private static String printed(JsonNode table, boolean wide, boolean namespaces) {
    PrintStream before = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertTrue(ServerTables.print(table, wide, namespaces));
    } finally {
      System.setOut(before);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
