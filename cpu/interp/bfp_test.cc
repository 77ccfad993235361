// Placeholder while the bfp family tests are written.
#include "gtest/gtest.h"
TEST(BfpTest, Placeholder) {}
