package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.Json;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Protobuf request bodies, with golden bytes captured from kubectl 1.32's create subcommands. */
class ProtoObjectsTest {
  /** kubectl create configmap cm1 --from-literal=a=1 --from-literal=b=two. */
  private static final String CONFIG_MAP = "6b387300" // magic "k8s\0"
      + "0a0f" + "0a027631" + "1209436f6e6669674d6170" // 1: TypeMeta {1: apiVersion "v1", 2: kind "ConfigMap"}
      + "1227" // 2: raw, 39 bytes: the ConfigMap
      + "0a13" + "0a03636d31" + "1200" + "1a00" + "2200" + "2a00" + "3200" + "3800" + "4200" // 1: metadata {name "cm1",
      // generateName "", namespace "", selfLink "", uid "", resourceVersion "", generation 0, creationTimestamp {}}
      + "12060a01611201" + "31" // 2: data entry {key "a", value "1"}
      + "12080a0162120374776f" // 2: data entry {key "b", value "two"}
      + "1a00" + "2200"; // 3: contentEncoding "", 4: contentType "" (envelope)
  /** kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80. */
  private static final String DEPLOYMENT = "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412bd010a1f0a0377656212001a0022002a00"
      + "3200380042005a0a0a036170701203776562128b010803120c0a0a0a0361707012037765621a710a1c0a0012001a0022002a003200380042005a0a0a"
      + "036170701203776562125112330a056e67696e78120a6e67696e783a312e32372a00320a0a001000185022002a0042006a00720080010088010090"
      + "0100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200";
  /** kubectl create job j1 --image=busybox -- echo hi. */
  private static final String JOB = "6b3873000a0f0a0862617463682f763112034a6f621284010a120a026a3112001a0022002a003200380042001264"
      + "32620a100a0012001a0022002a00320038004200124e122b0a026a31120762757379626f781a046563686f1a0268692a0042006a00720080010088"
      + "0100900100a201001a054e65766572320042004a0052005800600068008201008a01009a0100c201001a082000280030003a001a002200";
  /** kubectl create secret generic s1 --from-literal=pw=hunter2. */
  private static final String SECRET = "6b3873000a0c0a027631120653656372657412250a120a02733112001a0022002a00320038004200120d0a027077"
      + "120768756e746572321a001a002200";

  /** kubectl create service clusterip web --tcp=80:8080. */
  private static final String SERVICE = "6b387300"
      + "0a0d" + "0a027631" + "120753657276696365" // 1: TypeMeta {apiVersion "v1", kind "Service"}
      + "1270" // 2: raw, 112 bytes: the Service
      + "0a26" + "0a03776562" + "1200" + "1a0764656661756c74" + "2200" + "2a00" + "3200" + "3800" + "4200" // 1: metadata {name "web",
      + "5a0a0a036170701203776562" // generateName "", namespace "default", ..., labels {app: web}}
      + "1242" // 2: spec, 66 bytes
      + "0a1b" + "0a0738302d38303830" + "1203544350" + "1850" // 1: ports[0] {name "80-8080", protocol "TCP", port 80,
      + "2207080010903f1a00" + "2800" // targetPort {type 0, intVal 8080, strVal ""}, nodePort 0}
      + "120a0a036170701203776562" // 2: selector {app: web}
      + "1a00" + "2209436c75737465724950" // 3: clusterIP "", 4: type "ClusterIP"
      + "3a00" + "4200" + "5200" + "5a00" + "6000" + "6800" // sessionAffinity, loadBalancerIP, externalName, eTP "", 0, false
      + "1a020a00" // 3: status {loadBalancer {}}
      + "1a00" + "2200"; // 3: contentEncoding "", 4: contentType "" (envelope)
  /** kubectl create service nodeport np --tcp=53:53 --node-port=30053. */
  private static final String NODE_PORT_SERVICE = "6b3873000a0d0a02763112075365727669636512640a1d0a026e7012001a0022002a0032003800"
      + "42005a090a0361707012026e70123f0a1a0a0535332d3533120354435018352206080010351a0028e5ea0112090a0361707012026e701a0022084e6f"
      + "6465506f72743a00420052005a00600068001a020a001a002200";

  private static JsonNode decode(String hex) {
    return ProtoObjects.decode(HexFormat.of().parseHex(hex));
  }

  private static JsonNode json(String s) {
    return Json.read(s.replace('\'', '"'), JsonNode.class);
  }

  @Test
  void aConfigMap() {
    assertEquals(json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cm1'},'data':{'a':'1','b':'two'}}"), decode(CONFIG_MAP));
  }

  @Test
  void aDeploymentAsKubectlCreateDeploymentSendsIt() {
    JsonNode expected = json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'app':'web'}},"
        + "'spec':{'replicas':3,'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{'labels':{'app':'web'}},"
        + "'spec':{'containers':[{'name':'nginx','image':'nginx:1.27','ports':[{'containerPort':80}],'resources':{}}]}},"
        + "'strategy':{}}}");
    assertEquals(expected.toString(), decode(DEPLOYMENT).toString());
  }

  @Test
  void aJobAndASecret() {
    JsonNode job = decode(JOB);
    assertEquals(json("['echo','hi']"), job.at("/spec/template/spec/containers/0/command"));
    assertEquals("Never", job.at("/spec/template/spec/restartPolicy").asText());
    assertEquals("aHVudGVyMg==", decode(SECRET).at("/data/pw").asText(), "bytes become base64, as in JSON");
  }

  @Test
  void servicesAsKubectlCreateServiceSendsThem() {
    assertEquals(json("{'apiVersion':'v1','kind':'Service','metadata':{'name':'web','namespace':'default','labels':{'app':'web'}},"
        + "'spec':{'ports':[{'name':'80-8080','protocol':'TCP','port':80,'targetPort':8080}],'selector':{'app':'web'},"
        + "'type':'ClusterIP'}}").toString(), decode(SERVICE).toString());
    JsonNode nodePort = decode(NODE_PORT_SERVICE);
    assertEquals(json("[{'name':'53-53','protocol':'TCP','port':53,'targetPort':53,'nodePort':30053}]").toString(),
        nodePort.at("/spec/ports").toString());
    assertEquals("NodePort", nodePort.at("/spec/type").asText());
  }

  @Test
  void notProtobufOrAKindNotDescribedIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ProtoObjects.decode("{}".getBytes()));
    String ingress = "6b3873000a1f0a146e6574776f726b696e672e6b38732e696f2f76311207496e67726573731200";
    assertThrows(ProtoObjects.Unsupported.class, () -> decode(ingress));
  }

  @Test
  void everyTruncationAndRandomGarbageFailCleanly() {
    byte[] full = HexFormat.of().parseHex(DEPLOYMENT);
    for (int n = 0; n < full.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(full, n);
      try {
        ProtoObjects.decode(cut);
      } catch (IllegalArgumentException | ProtoObjects.Unsupported expected) {
        // refused as bad input, never anything else
      }
    }
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] garbage = java.util.Arrays.copyOf(full, full.length);
      for (int k = 0; k < 4; k++) {
        garbage[4 + random.nextInt(garbage.length - 4)] = (byte) random.nextInt(256);
      }
      try {
        ProtoObjects.decode(garbage);
      } catch (IllegalArgumentException | ProtoObjects.Unsupported expected) {
        // refused as bad input, never anything else
      }
    }
  }
}
