// Placeholder while the decimal family tests are written.
#include "gtest/gtest.h"
TEST(DecimalTest, Placeholder) {}
