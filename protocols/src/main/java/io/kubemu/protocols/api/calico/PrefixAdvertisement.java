package io.kubemu.protocols.api.calico;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The communities to attach to routes of one CIDR: names from the BGPConfiguration's communities, or values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrefixAdvertisement(@JsonProperty("cidr") String cidr, @JsonProperty("communities") List<String> communities) {}
