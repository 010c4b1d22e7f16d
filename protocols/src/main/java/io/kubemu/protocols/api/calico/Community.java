package io.kubemu.protocols.api.calico;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A named BGP community value, {@code aa:nn} (standard) or {@code aa:nn:mm} (large). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Community(@JsonProperty("name") String name, @JsonProperty("value") String value) {}
