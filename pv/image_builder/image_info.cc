#include "pv/image_builder/image_info.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace s390vmm::pv {
namespace {

template <typename C>
std::string Hex(const C& bytes) {
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}
std::string Addr(uint64_t v) { return absl::StrFormat("0x%x", v); }

}  // namespace

absl::StatusOr<SeImageInfo> DescribeSeImage(absl::Span<const uint8_t> image) {
  absl::StatusOr<SeImageLayout> layout = LocateSeImage(image);
  if (!layout.ok()) return layout.status();
  absl::StatusOr<SeHeader> header = ParseSeHeader(image.subspan(layout->header_addr.value(), layout->header_size));
  if (!header.ok()) return header.status();
  return SeImageInfo{*std::move(layout), *std::move(header)};
}

std::string SeImageInfoToText(const SeImageInfo& info) {
  const SeImageLayout& l = info.layout;
  const SeHeader& h = info.header;
  std::string out;
  absl::StrAppendFormat(&out, "image size:        %d bytes\n", l.image_size);
  absl::StrAppendFormat(&out, "IPL PSW:           0x%016x (entry 0x%x)\n", l.ipl_psw, l.entry.value());
  absl::StrAppendFormat(&out, "stage3a args:      %s\n", l.stage3a_args ? Addr(l.stage3a_args->value()) : "not found");
  absl::StrAppendFormat(&out, "PV IPIB:           0x%x (%d components)\n", l.ipib_addr.value(), l.ipib.components.size());
  absl::StrAppendFormat(&out, "SE header:         0x%x, version 0x%x, phs 0x%x\n", l.header_addr.value(), h.version,
                        h.phs);
  absl::StrAppendFormat(&out, "  nks %d, sea 0x%x, nep %d, pcf 0x%x\n", h.nks, h.sea, h.nep, h.pcf);
  absl::StrAppendFormat(&out, "  iv               %s\n", Hex(h.iv));
  absl::StrAppendFormat(&out, "  customer key     %s\n", Hex(h.cust_pub_key));
  absl::StrAppendFormat(&out, "  PLD              %s\n", Hex(h.pld));
  absl::StrAppendFormat(&out, "  ALD              %s\n", Hex(h.ald));
  absl::StrAppendFormat(&out, "  TLD              %s\n", Hex(h.tld));
  for (size_t i = 0; i < h.key_slots.size(); ++i) {
    absl::StrAppendFormat(&out, "  key slot %d       host key digest %s\n", i, Hex(h.key_slots[i].digest_key));
  }
  absl::StrAppendFormat(&out, "  tag              %s\n", Hex(h.tag));
  out += "components:\n";
  for (const SecureComponent& c : l.ipib.components) {
    absl::StrAppendFormat(&out, "  %-9s 0x%09x  %10d bytes  tweak prefix 0x%016x\n",
                          ComponentTypeName(ComponentTypeOfTweak(c.tweak_prefix)), c.addr.value(), c.size,
                          c.tweak_prefix);
  }
  return out;
}

std::string SeImageInfoToJson(const SeImageInfo& info) {
  const SeImageLayout& l = info.layout;
  const SeHeader& h = info.header;
  std::vector<std::string> slots;
  for (const SeKeySlot& s : h.key_slots) {
    slots.push_back(absl::StrFormat(R"({"digest_key": "%s", "wrapped_key": "%s", "tag": "%s"})", Hex(s.digest_key),
                                    Hex(s.wrapped_key), Hex(s.tag)));
  }
  std::vector<std::string> comps;
  for (const SecureComponent& c : l.ipib.components) {
    comps.push_back(absl::StrFormat(R"({"type": "%s", "address": "%s", "size": %d, "pages": %d, "tweak_prefix": "0x%016x"})",
                                    ComponentTypeName(ComponentTypeOfTweak(c.tweak_prefix)), Addr(c.addr.value()),
                                    c.size, c.size / kPageSize, c.tweak_prefix));
  }
  std::string out = "{\n";
  absl::StrAppendFormat(&out, "  \"image_size\": %d,\n", l.image_size);
  absl::StrAppendFormat(&out, "  \"ipl_psw\": \"0x%016x\",\n  \"entry\": \"%s\",\n", l.ipl_psw, Addr(l.entry.value()));
  absl::StrAppendFormat(&out, "  \"stage3a_args\": %s,\n",
                        l.stage3a_args ? absl::StrCat("\"", Addr(l.stage3a_args->value()), "\"") : "null");
  absl::StrAppendFormat(&out, "  \"ipib\": {\"address\": \"%s\", \"pv_hdr_addr\": \"%s\", \"pv_hdr_size\": %d},\n",
                        Addr(l.ipib_addr.value()), Addr(l.ipib.pv_hdr_addr), l.ipib.pv_hdr_size);
  absl::StrAppendFormat(&out, "  \"header\": {\n    \"address\": \"%s\",\n    \"magic\": \"IBMSecEx\",\n",
                        Addr(l.header_addr.value()));
  absl::StrAppendFormat(&out, "    \"version\": \"0x%x\",\n    \"phs\": %d,\n    \"iv\": \"%s\",\n", h.version, h.phs,
                        Hex(h.iv));
  absl::StrAppendFormat(&out, "    \"nks\": %d,\n    \"sea\": %d,\n    \"nep\": %d,\n    \"pcf\": \"0x%x\",\n", h.nks,
                        h.sea, h.nep, h.pcf);
  absl::StrAppendFormat(&out, "    \"cust_pub_key\": \"%s\",\n", Hex(h.cust_pub_key));
  absl::StrAppendFormat(&out, "    \"pld\": \"%s\",\n    \"ald\": \"%s\",\n    \"tld\": \"%s\",\n", Hex(h.pld),
                        Hex(h.ald), Hex(h.tld));
  absl::StrAppendFormat(&out, "    \"key_slots\": [%s],\n", absl::StrJoin(slots, ", "));
  absl::StrAppendFormat(&out, "    \"tag\": \"%s\"\n  },\n", Hex(h.tag));
  absl::StrAppendFormat(&out, "  \"components\": [\n    %s\n  ]\n}\n", absl::StrJoin(comps, ",\n    "));
  return out;
}

}  // namespace s390vmm::pv
