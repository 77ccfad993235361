#include "pv/pvimg/pvimg.h"

#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pv/pvimg/file_io.h"

namespace s390vmm::pv {
namespace {

using ::testing::HasSubstr;

std::vector<uint8_t> Bytes(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

class PvimgTest : public ::testing::Test {
 protected:
  PvimgTest() : rng_("pvimg test") {
    HostKeyRequest ca_req;
    ca_req.is_ca = true;
    ca_req.common_name = "Test CA";
    ca_ = *GenerateHostKey(ca_req, rng_);
    ca_key_ = std::make_unique<P521PrivateKey>(*ParsePrivateKey(Bytes(ca_.private_key_pem), "ca.key"));
    ca_cert_ = (*Certificate::ParseAll(Bytes(ca_.document_pem), "ca.crt"))[0];
    HostKeyRequest host_req;
    host_req.ca_key = ca_key_.get();
    host_req.ca_cert = &*ca_cert_;
    host_ = *GenerateHostKey(host_req, rng_);
    host_key_ = std::make_unique<P521PrivateKey>(*ParsePrivateKey(Bytes(host_.private_key_pem), "host.key"));
    request_.image.kernel.assign(0x10000 + 777, 0x4b);
    request_.image.parmline = Bytes("console=ttysclp0");
    request_.image.initrd = std::vector<uint8_t>(4097, 0x17);
    request_.documents = {*HostKeyDocument::Parse(Bytes(host_.document_pem), "host.crt")};
  }

  SeededRandomSource rng_;
  HostKeyMaterial ca_, host_;
  std::unique_ptr<P521PrivateKey> ca_key_, host_key_;
  std::optional<Certificate> ca_cert_;
  CreateRequest request_;
};

TEST_F(PvimgTest, CreateVerifiesDocumentsAgainstTheChain) {
  EXPECT_THAT(CreateSeImage(request_, rng_).status().message(), HasSubstr("--no-verify"));
  request_.ca_chain = {*ca_cert_};
  auto created = CreateSeImage(request_, rng_);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(created->warnings.empty());
  // A self-signed document does not chain to the CA.
  HostKeyMaterial stray = *GenerateHostKey({}, rng_);
  request_.documents.push_back(*HostKeyDocument::Parse(Bytes(stray.document_pem), "stray.crt"));
  EXPECT_THAT(CreateSeImage(request_, rng_).status().message(), HasSubstr("'stray.crt'"));
  request_.no_verify = true;
  created = CreateSeImage(request_, rng_);
  ASSERT_TRUE(created.ok());
  ASSERT_EQ(created->warnings.size(), 1u);
  EXPECT_THAT(created->warnings[0], HasSubstr("verification is disabled"));
}

TEST_F(PvimgTest, UnpackReturnsTheOriginalFiles) {
  request_.no_verify = true;
  auto created = CreateSeImage(request_, rng_);
  ASSERT_TRUE(created.ok());
  auto unpacked = UnpackSeImage(created->image, absl::MakeConstSpan(host_key_.get(), 1));
  ASSERT_TRUE(unpacked.ok()) << unpacked.status();
  EXPECT_TRUE(unpacked->exact_sizes);
  EXPECT_EQ(unpacked->kernel, request_.image.kernel);
  EXPECT_EQ(*unpacked->parmline, *request_.image.parmline);
  EXPECT_EQ(*unpacked->initrd, *request_.image.initrd);
  EXPECT_EQ(unpacked->kernel_psw, kDefaultKernelPsw);
  EXPECT_EQ(unpacked->start_psw.addr, unpacked->info.layout.ipib.components.back().addr.value());
  EXPECT_EQ(unpacked->pages, 17u + 1 + 2 + 1);
  // An empty parmline file still makes a (zero) page; its original size is 0.
  request_.image.parmline = std::vector<uint8_t>();
  created = CreateSeImage(request_, rng_);
  ASSERT_TRUE(created.ok());
  unpacked = UnpackSeImage(created->image, absl::MakeConstSpan(host_key_.get(), 1));
  ASSERT_TRUE(unpacked.ok()) << unpacked.status();
  EXPECT_TRUE(unpacked->exact_sizes);
  EXPECT_EQ(unpacked->parmline->size(), 0u);
  // Without parmline and initrd.
  request_.image.parmline.reset();
  request_.image.initrd.reset();
  created = CreateSeImage(request_, rng_);
  ASSERT_TRUE(created.ok());
  unpacked = UnpackSeImage(created->image, absl::MakeConstSpan(host_key_.get(), 1));
  ASSERT_TRUE(unpacked.ok()) << unpacked.status();
  EXPECT_FALSE(unpacked->parmline.has_value());
  EXPECT_FALSE(unpacked->initrd.has_value());
  EXPECT_EQ(unpacked->kernel, request_.image.kernel);
  EXPECT_THAT(UnpackSeImage(created->image, {}).status().message(), HasSubstr("no host private key"));
}

TEST(FileIo, ReadLimitsAndAtomicWrites) {
  std::string dir = ::testing::TempDir() + "/pvimg_file_io";
  mkdir(dir.c_str(), 0755);
  EXPECT_TRUE(absl::IsNotFound(ReadFileBytes(dir + "/missing", 10, "kernel").status()));
  EXPECT_THAT(ReadFileBytes(dir + "/missing", 10, "kernel").status().message(), HasSubstr("cannot open kernel"));
  EXPECT_THAT(ReadFileBytes(dir, 10, "kernel").status().message(), HasSubstr("not a regular file"));
  ASSERT_TRUE(WriteFilesAtomically({{dir + "/a", Bytes("hello")}, {dir + "/b", Bytes("world"), true}}).ok());
  EXPECT_EQ(*ReadFileBytes(dir + "/a", 10, "a"), Bytes("hello"));
  EXPECT_THAT(ReadFileBytes(dir + "/a", 4, "initrd").status().message(), HasSubstr("more than the 4 allowed"));
  struct stat st;
  ASSERT_EQ(stat((dir + "/b").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // A file in a missing directory: nothing of the operation is written.
  absl::Status s = WriteFilesAtomically({{dir + "/c", Bytes("x")}, {dir + "/nodir/d", Bytes("y")}});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(access((dir + "/c").c_str(), F_OK), 0);
}

}  // namespace
}  // namespace s390vmm::pv
