package io.kubemu.protocols.api.calico;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Objects;

/**
 * A cluster-scoped {@code projectcalico.org/v3} resource: apiVersion, kind, metadata and a spec, as Calico's
 * Go types have them. apiVersion and kind come from the subclass's fabric8 annotations, so fabric8's
 * deserializer (which finds these classes through {@code META-INF/services}) and {@code KnownKinds} know them.
 * Fields a client sends that the kind lacks are dropped on read, as a CRD prunes them; the manifest loader
 * and strict field validation refuse them before that. Read as a plain bean: the interface's kind-directed
 * deserializer, which found the class, is not used again for it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
@JsonDeserialize(using = JsonDeserializer.None.class)
public abstract class CalicoResource<S> implements HasMetadata {
  public static final String GROUP = "projectcalico.org";
  public static final String VERSION = "v3";

  @JsonProperty("apiVersion")
  private String apiVersion = HasMetadata.getApiVersion(getClass());
  @JsonProperty("kind")
  private String kind = HasMetadata.getKind(getClass());
  @JsonProperty("metadata")
  private ObjectMeta metadata;
  @JsonProperty("spec")
  private S spec;

  protected CalicoResource(S spec) {
    this.spec = spec;
  }

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  @Override
  public ObjectMeta getMetadata() {
    return metadata;
  }

  @Override
  public void setMetadata(ObjectMeta metadata) {
    this.metadata = metadata;
  }

  public S getSpec() {
    return spec;
  }

  public void setSpec(S spec) {
    this.spec = spec;
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Objects.equals(apiVersion, ((CalicoResource<?>) o).apiVersion)
        && Objects.equals(kind, ((CalicoResource<?>) o).kind) && Objects.equals(metadata, ((CalicoResource<?>) o).metadata)
        && Objects.equals(spec, ((CalicoResource<?>) o).spec);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiVersion, kind, metadata, spec);
  }

  @Override
  public String toString() {
    return kind + "(" + (metadata == null ? "" : metadata.getName()) + ", " + spec + ")";
  }
}
