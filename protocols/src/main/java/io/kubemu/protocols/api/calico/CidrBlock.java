package io.kubemu.protocols.api.calico;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One block of service addresses a BGPConfiguration advertises: {@code {cidr: 10.96.0.0/12}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CidrBlock(@JsonProperty("cidr") String cidr) {}
