# Every dependency comes from Debian packages installed by scripts/setup; nothing is vendored or
# downloaded. The library itself needs only Boost headers (private); the CLI adds CLI11 and fmt;
# tests add GoogleTest, benchmarks Google Benchmark.

find_package(Boost 1.74 REQUIRED)
if(NOT TARGET Boost::headers)
  add_library(Boost::headers INTERFACE IMPORTED)
  target_include_directories(Boost::headers INTERFACE ${Boost_INCLUDE_DIRS})
endif()

find_package(fmt 9 REQUIRED)
find_package(CLI11 2 REQUIRED)

if(THIDUA_DEVELOPER_MODE)
  find_package(GTest REQUIRED)
  if(THIDUA_BUILD_BENCHMARKS)
    find_package(benchmark REQUIRED)
  endif()
endif()
