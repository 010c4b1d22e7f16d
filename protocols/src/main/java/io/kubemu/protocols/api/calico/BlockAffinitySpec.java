package io.kubemu.protocols.api.calico;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The node, the block, and the affinity's state ({@code confirmed} once claimed), as Calico's BlockAffinity has them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class BlockAffinitySpec {
  public static final String CONFIRMED = "confirmed";

  @JsonProperty("state")
  private String state;
  @JsonProperty("node")
  private String node;
  @JsonProperty("cidr")
  private String cidr;
  @JsonProperty("deleted")
  private String deleted;

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public String getCidr() {
    return cidr;
  }

  public void setCidr(String cidr) {
    this.cidr = cidr;
  }

  public String getDeleted() {
    return deleted;
  }

  public void setDeleted(String deleted) {
    this.deleted = deleted;
  }
}
