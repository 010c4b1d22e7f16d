package io.kubemu.protocols.api.calico;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** A BGP session password from a Secret's key. Accepted so real manifests load; kubemu's sessions use none. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BgpPassword(@JsonProperty("secretKeyRef") SecretKeySelector secretKeyRef) {}
