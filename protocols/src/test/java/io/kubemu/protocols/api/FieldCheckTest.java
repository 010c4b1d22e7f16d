package io.kubemu.protocols.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unknown fields and wrong JSON types of a request body, by kind. */
class FieldCheckTest {
  private static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s.replace('\'', '"'));
  }

  @Test
  void findsUnknownFieldsAndWrongTypes() throws Exception {
    FieldCheck.Findings f = FieldCheck.check(json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
        + "'spec':{'replica':2,'template':{'spec':{'containers':[{'name':'c','image':'i','ports':[{'containerPort':'80'}]}]}}}}"));
    assertEquals(List.of("unknown field \"spec.replica\" (did you mean \"replicas\"?)"), f.unknownFields());
    assertEquals(List.of("spec.template.spec.containers[0].ports[0].containerPort: invalid type: string \"80\" (expected: int32)"),
        f.invalidTypes());
  }

  @Test
  void aWellFormedObjectOrAnUnknownKindHasNoFindings() throws Exception {
    assertEquals(new FieldCheck.Findings(List.of(), List.of()),
        FieldCheck.check(json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','creationTimestamp':null},'data':{'a':'1'}}")));
    assertEquals(new FieldCheck.Findings(List.of(), List.of()), FieldCheck.check(json("{'apiVersion':'x/v1','kind':'Thing','spec':1}")));
  }
}
