package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.emulator.api.ApiServer;
import io.kubemu.emulator.controllers.ControllerManager;
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the API server on 127.0.0.1, with the controller manager (and no nodes,
 * so pods stay Pending): apply (create, configure, unchanged), get with the server's tables, -o
 * wide, scale, rollout restart, get -w, describe with the controllers' events, and delete; Calico's
 * resources; label and annotate of a registered node. Skipped when kubectl is not on the PATH.
 */
class KubectlIT {
  private static final ActorTestKit kit = StoreTestKit.create("KubectlIT");
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: %d
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: nginx
              image: nginx:1.27
              env:
              - {name: MODE, value: %s}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data: {a: "1"}
      """;
  @TempDir
  static Path dir;
  private static Path kubeconfig;
  private static ActorRef<StoreProtocol.Command> store;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Shell.works("kubectl", "version", "--client"), "kubectl is not on the PATH");
    store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
    kit.spawn(ControllerManager.create(store), "controller-manager");
    int port = ApiServer.start(kit.system(), store, "127.0.0.1", 0).toCompletableFuture().get().localAddress().getPort();
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: kubemu, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: kubemu, user: {}}]
        contexts: [{name: kubemu, context: {cluster: kubemu, user: kubemu}}]
        current-context: kubemu
        """.formatted(port));
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static List<String> kubectl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", dir.resolve("cache").toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static Shell.Result run(String... args) throws Exception {
    return Shell.run(Duration.ofSeconds(60), Map.of("KUBECONFIG", ""), kubectl(args));
  }

  /** Runs kubectl, which must succeed, and returns its output. */
  private static String ok(String... args) throws Exception {
    Shell.Result r = run(args);
    assertEquals(0, r.code(), String.join(" ", args) + ":\n" + r.out());
    return r.out();
  }

  private static Path manifest(int replicas, String mode) throws IOException {
    Path file = dir.resolve("web-" + replicas + "-" + mode + ".yaml");
    Files.writeString(file, DEPLOYMENT.formatted(replicas, mode));
    return file;
  }

  private static void assertRow(String out, String... cells) {
    Pattern row = Pattern.compile("(?m)^" + String.join("\\s+", cells) + "\\s*$");
    assertTrue(row.matcher(out).find(), "no row " + List.of(cells) + " in:\n" + out);
  }

  @Test
  void applyGetScaleRestartDescribeAndDelete() throws Exception {
    String created = ok("apply", "-f", manifest(2, "a").toString());
    assertTrue(created.contains("deployment.apps/web created") && created.contains("configmap/settings created"), created);
    assertRow(ok("get", "deployments"), "NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
    assertRow(ok("get", "deploy"), "web", "0/2", "[0-2]", "0", "\\d+s");
    assertTrue(ok("apply", "-f", manifest(3, "b").toString()).contains("deployment.apps/web configured"));
    assertTrue(ok("apply", "-f", manifest(3, "b").toString()).contains("deployment.apps/web unchanged"));
    assertEquals("b", ok("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].env[0].value}"));
    assertTrue(ok("scale", "deployment/web", "--replicas=5").contains("deployment.apps/web scaled"));
    String wide = ok("get", "deploy", "web", "-o", "wide");
    assertRow(wide, "NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR");
    assertRow(wide, "web", "0/5", "[0-5]", "0", "\\d+s", "nginx", "nginx:1\\.27", "app=web");
    assertTrue(ok("rollout", "restart", "deployment/web").contains("deployment.apps/web restarted"));
    assertTrue(ok("get", "deploy", "web", "-o", "yaml").contains("kubectl.kubernetes.io/restartedAt"));
    assertTrue(ok("get", "all").contains("deployment.apps/web"));
    String described = ok("describe", "deployment", "web");
    assertTrue(described.contains("Replicas:") && described.contains("5 desired"), described);
    assertRow(ok("get", "configmaps", "settings"), "settings", "1", "\\d+s");
    assertTrue(ok("delete", "-f", manifest(3, "b").toString()).contains("deployment.apps \"web\" deleted"));
    Shell.Result gone = run("get", "deployment", "web");
    assertEquals(1, gone.code());
    assertTrue(gone.out().contains("Error from server (NotFound): deployments.apps \"web\" not found"), gone.out());
  }

  @Test
  void podsPrintTheirColumnsAndAnUnknownResourceIsRefused() throws Exception {
    ok("run", "client", "--image=busybox:1.36", "--restart=Never", "--labels=app=client");
    assertRow(ok("get", "pods", "-o", "wide"), "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE",
        "READINESS GATES");
    assertRow(ok("get", "pods", "-l", "app=client", "-o", "wide"), "client", "0/1", "Pending", "0", "\\d+s", "<none>", "<none>",
        "<none>", "<none>");
    assertRow(ok("get", "pods", "--field-selector", "status.phase=Pending", "-o", "name"), "pod/client");
    Shell.Result unknown = run("get", "frobnicators");
    assertEquals(1, unknown.code());
    assertTrue(unknown.out().contains("the server doesn't have a resource type \"frobnicators\""), unknown.out());
  }

  @Test
  void createSubcommandsSendProtobuf() throws Exception {
    assertTrue(ok("create", "deployment", "made", "--image=nginx:1.27", "--replicas=2", "--port=80")
        .contains("deployment.apps/made created"));
    assertRow(ok("get", "deployment", "made", "-o", "wide"), "made", "0/2", "[0-2]", "0", "\\d+s", "nginx", "nginx:1\\.27", "app=made");
    String described = ok("describe", "deployment", "made");
    assertTrue(described.contains("RollingUpdate") && described.contains("80/TCP"), described);
    assertTrue(ok("create", "configmap", "made", "--from-literal=a=1", "--from-literal=b=2").contains("configmap/made created"));
    assertRow(ok("get", "configmap", "made"), "made", "2", "\\d+s");
    assertTrue(ok("create", "namespace", "made").contains("namespace/made created"));
    assertRow(ok("get", "namespace", "made"), "made", "Active", "\\d+s");
  }

  @Test
  void servicesGetAddressesAndPortsAndTheirSlicesPrint() throws Exception {
    assertTrue(ok("create", "service", "nodeport", "front", "--tcp=80:8080").contains("service/front created"));
    String services = ok("get", "services");
    assertRow(services, "NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT\\(S\\)", "AGE");
    assertRow(services, "kubernetes", "ClusterIP", "10\\.96\\.0\\.1", "<none>", "443/TCP", "\\d+s");
    assertRow(services, "front", "NodePort", "10\\.96\\.\\d+\\.\\d+", "<none>", "80:3\\d{4}/TCP", "\\d+s");
    assertRow(ok("get", "svc", "front", "-o", "wide"), "front", "NodePort", "\\S+", "<none>", "80:3\\d{4}/TCP", "\\d+s", "app=front");
    ok("wait", "--for=jsonpath={.addressType}=IPv4", "endpointslices", "-l", "kubernetes.io/service-name=front",
        "--timeout=30s");
    assertRow(ok("get", "endpointslices", "-l", "kubernetes.io/service-name=front"), "front-[a-z0-9]{5}", "IPv4", "<unset>", "<unset>",
        "\\d+s");
    Shell.Result taken = run("create", "service", "clusterip", "dns", "--tcp=53:53", "--clusterip=10.96.0.1");
    assertEquals(1, taken.code());
    assertTrue(taken.out().contains("failed to allocate IP 10.96.0.1: provided IP is already allocated"), taken.out());
    assertTrue(ok("describe", "service", "front").contains("NodePort:"), "kubectl describe reads the Service");
  }

  /** The events section of kubectl describe: what the deployment and replicaset controllers recorded, as kube-controller-manager words it. */
  @Test
  void describeShowsTheEventsTheControllersRecorded() throws Exception {
    ok("create", "deployment", "described", "--image=udp-echo", "--replicas=2");
    ok("wait", "--for=jsonpath={.status.replicas}=2", "deployment/described", "--timeout=30s");
    String rs = ok("get", "replicasets", "-l", "app=described", "-o", "jsonpath={.items[0].metadata.name}");
    String deployment = ok("describe", "deploy", "described");
    assertTrue(Pattern.compile("(?m)^\\s+Normal\\s+ScalingReplicaSet\\s+\\d+s\\s+deployment-controller\\s+Scaled up replica set "
        + rs + " from 0 to 2$").matcher(deployment).find(), deployment);
    String replicaSet = ok("describe", "rs", rs);
    assertTrue(Pattern.compile("(?m)^\\s+Normal\\s+SuccessfulCreate\\s+\\d+s\\s+replicaset-controller\\s+Created pod: "
        + rs + "-[a-z0-9]{5}$").matcher(replicaSet).find(), replicaSet);
  }

  @Test
  void aTypoIsRefusedByServerSideFieldValidation() throws Exception {
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, DEPLOYMENT.formatted(1, "a").replace("replicas:", "replica:"));
    Shell.Result r = run("apply", "-f", typo.toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("strict decoding error: unknown field \"spec.replica\""), r.out());
  }

  @Test
  void getWatchPrintsARowPerChange() throws Exception {
    Process watch = new ProcessBuilder(kubectl("get", "configmaps", "-w", "-l", "app=watched")).redirectErrorStream(true).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
        in.lines().forEach(lines::add);
      } catch (IOException e) {
        lines.add("read failed: " + e);
      }
    });
    reader.start();
    try {
      Path cm = dir.resolve("watched.yaml");
      Files.writeString(cm, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: watched, labels: {app: watched}}\ndata: {a: '1'}\n");
      ok("apply", "-f", cm.toString());
      String first = lines.poll(30, TimeUnit.SECONDS);
      String row = first != null && first.startsWith("NAME") ? lines.poll(30, TimeUnit.SECONDS) : first;
      assertTrue(row != null && row.matches("watched\\s+1\\s+\\d+s"), "first: " + first + ", row: " + row);
      ok("label", "configmap", "watched", "tier=x");
      String changed = lines.poll(30, TimeUnit.SECONDS);
      assertTrue(changed != null && changed.startsWith("watched"), String.valueOf(changed));
    } finally {
      Shell.stop(watch.toHandle(), Duration.ZERO);
      reader.join(10_000);
    }
  }

  private static final String CALICO = """
      apiVersion: projectcalico.org/v3
      kind: IPPool
      metadata: {name: rack-pool}
      spec: {cidr: 10.248.0.0/16, blockSize: 26, ipipMode: Always, vxlanMode: Never, natOutgoing: true, nodeSelector: all()}
      ---
      apiVersion: projectcalico.org/v3
      kind: BGPConfiguration
      metadata: {name: default}
      spec: {nodeToNodeMeshEnabled: false, asNumber: 64512, serviceClusterIPs: [{cidr: 10.96.0.0/12}], listenPort: 179}
      ---
      apiVersion: projectcalico.org/v3
      kind: BGPPeer
      metadata: {name: peer-with-route-reflectors}
      spec: {nodeSelector: all(), peerSelector: route-reflector == 'true'}
      """;

  /** Calico's YAML through kubectl apply, calicoctl's columns for pools, and route reflectors labelled and annotated. */
  @Test
  void calicoResourcesApplyAndNodesAreLabelledAndAnnotated() throws Exception {
    Path calico = dir.resolve("calico.yaml");
    Files.writeString(calico, CALICO);
    String applied = ok("apply", "-f", calico.toString());
    assertTrue(applied.contains("ippool.projectcalico.org/rack-pool created") && applied.contains(
        "bgppeer.projectcalico.org/peer-with-route-reflectors created"), applied);
    assertTrue(ok("apply", "-f", calico.toString()).contains("ippool.projectcalico.org/rack-pool unchanged"));
    String pools = ok("get", "ippools");
    assertRow(pools, "NAME", "CIDR", "SELECTOR");
    assertRow(pools, "rack-pool", "10\\.248\\.0\\.0/16", "all\\(\\)");
    assertEquals("26", ok("get", "ippool", "rack-pool", "-o", "jsonpath={.spec.blockSize}"));
    Path bad = dir.resolve("bad-peer.yaml");
    Files.writeString(bad, "apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: tor}\nspec: {peerIP: 10.0.0.1}\n");
    Shell.Result refused = run("apply", "-f", bad.toString());
    assertEquals(1, refused.code());
    assertTrue(refused.out().contains("spec.asNumber: Required value: the peer's AS number is required with peerIP"), refused.out());

    TestProbe<NodeAgent.Command> agent = kit.createTestProbe();
    store.tell(new StoreProtocol.FromKubelet(new KubeletReport.NodeRegistered(new NodeLease("w2", "h1",
        Ipv4Address.parse("172.18.0.3"), MacAddress.local(2), Ipv4Cidr.parse("10.244.1.0/24"), "flannel-vxlan",
        MacAddress.local(0x102), agent.getRef()), agent.getRef())));
    ok("wait", "--for=jsonpath={.metadata.name}=w2", "node/w2", "--timeout=30s");
    assertTrue(ok("label", "node", "w2", "route-reflector=true").contains("node/w2 labeled"));
    assertTrue(ok("annotate", "node", "w2", "projectcalico.org/RouteReflectorClusterID=244.0.0.1").contains("node/w2 annotated"));
    assertRow(ok("get", "nodes", "-l", "route-reflector=true", "-o", "name"), "node/w2");
    assertEquals("244.0.0.1", ok("get", "node", "w2", "-o",
        "jsonpath={.metadata.annotations.projectcalico\\.org/RouteReflectorClusterID}"));
    Shell.Result missing = run("label", "node", "w9", "route-reflector=true");
    assertEquals(1, missing.code());
    assertTrue(missing.out().contains("nodes \"w9\" not found"), missing.out());
  }
}
