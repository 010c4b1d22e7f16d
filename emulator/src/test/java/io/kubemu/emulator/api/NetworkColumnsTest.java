package io.kubemu.emulator.api;

import static io.kubemu.emulator.api.TableOutputTest.columns;
import static io.kubemu.emulator.api.TableOutputTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubectl get svc,endpointslices: the columns and cells the API server's printers give. */
class NetworkColumnsTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:05:00Z");

  private static JsonNode cells(String kind, String object) {
    return Tables.table(kind, "v1", null, List.of(json(object)), "None", NOW).path("rows").get(0).path("cells");
  }

  @Test
  void serviceColumnsAreNameTypeClusterIpExternalIpPortsAgeAndSelector() {
    JsonNode table = Tables.table("Service", "v1", null, List.of(), "None", NOW);
    assertEquals(List.of("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector*"), columns(table));
  }

  @Test
  void aClusterIpService() {
    assertEquals(json("['web','ClusterIP','10.96.1.1','<none>','80/TCP,53/UDP','5m','app=web']"), cells("Service",
        "{'metadata':{'name':'web','creationTimestamp':'2025-01-01T00:00:00Z'},'spec':{'type':'ClusterIP','clusterIP':'10.96.1.1',"
            + "'clusterIPs':['10.96.1.1'],'selector':{'app':'web'},'ports':[{'port':80,'protocol':'TCP'},{'port':53,'protocol':'UDP'}]}}"));
  }

  @Test
  void nodePortsLoadBalancersHeadlessAndExternalNames() {
    assertEquals(json("['np','NodePort','10.96.1.2','<none>','80:30080/TCP','5m','<none>']"), cells("Service",
        "{'metadata':{'name':'np','creationTimestamp':'2025-01-01T00:00:00Z'},'spec':{'type':'NodePort','clusterIPs':['10.96.1.2'],"
            + "'ports':[{'port':80,'nodePort':30080,'protocol':'TCP'}]}}"));
    assertEquals("<pending>", cells("Service", "{'metadata':{'name':'lb'},'spec':{'type':'LoadBalancer','clusterIPs':['10.96.1.3'],"
        + "'ports':[{'port':80,'nodePort':30081,'protocol':'TCP'}]}}").get(3).asText());
    assertEquals("172.18.255.200", cells("Service", "{'metadata':{'name':'lb'},'spec':{'type':'LoadBalancer','clusterIPs':['10.96.1.3'],"
        + "'ports':[{'port':80,'nodePort':30081,'protocol':'TCP'}]},'status':{'loadBalancer':{'ingress':[{'ip':'172.18.255.200'}]}}}")
        .get(3).asText());
    assertEquals(json("['db','ClusterIP','None','<none>','5432/TCP','<unknown>','app=db']"), cells("Service",
        "{'metadata':{'name':'db'},'spec':{'type':'ClusterIP','clusterIPs':['None'],'selector':{'app':'db'},"
            + "'ports':[{'port':5432,'protocol':'TCP'}]}}"));
    assertEquals(json("['ext','ExternalName','<none>','example.com','<none>','<unknown>','<none>']"), cells("Service",
        "{'metadata':{'name':'ext'},'spec':{'type':'ExternalName','externalName':'example.com'}}"));
  }

  @Test
  void endpointSliceColumnsListThreeAndSayHowManyMore() {
    JsonNode table = Tables.table("EndpointSlice", "v1", null, List.of(), "None", NOW);
    assertEquals(List.of("Name", "AddressType", "Ports", "Endpoints", "Age"), columns(table));
    assertEquals(json("['web-x2k4p','IPv4','8080,53','10.244.0.2,10.244.1.2,10.244.1.3 + 2 more...','5m']"), cells("EndpointSlice",
        "{'metadata':{'name':'web-x2k4p','creationTimestamp':'2025-01-01T00:00:00Z'},'addressType':'IPv4',"
            + "'ports':[{'name':'http','port':8080,'protocol':'TCP'},{'name':'dns','port':53,'protocol':'UDP'}],"
            + "'endpoints':[{'addresses':['10.244.0.2']},{'addresses':['10.244.1.2']},{'addresses':['10.244.1.3']},"
            + "{'addresses':['10.244.1.4']},{'addresses':['10.244.2.2']}]}"));
  }

  @Test
  void aPlaceholderSliceIsUnset() {
    assertEquals(json("['web-abcde','IPv4','<unset>','<unset>','5m']"), cells("EndpointSlice",
        "{'metadata':{'name':'web-abcde','creationTimestamp':'2025-01-01T00:00:00Z'},'addressType':'IPv4'}"));
  }

  @Test
  void ipPoolsAsCalicoctlPrintsThem() {
    assertEquals(List.of("Name", "CIDR", "Selector"), columns(Tables.table("IPPool", "v1", null, List.of(), "None", NOW)));
    assertEquals(json("['default-ipv4-ippool','10.244.0.0/16','all()']"), cells("IPPool",
        "{'metadata':{'name':'default-ipv4-ippool'},'spec':{'cidr':'10.244.0.0/16','nodeSelector':'all()','blockSize':26}}"));
  }
}
