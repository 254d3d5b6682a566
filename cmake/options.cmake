# Options, following fmt/toml++: developer mode is on when thidua is the top-level project (or
# in CI) and off when it is consumed with add_subdirectory, so consumers build only the library.

if(PROJECT_IS_TOP_LEVEL OR DEFINED ENV{CI})
  set(thidua_default_dev ON)
else()
  set(thidua_default_dev OFF)
endif()

option(THIDUA_DEVELOPER_MODE "Build tests, benchmarks and fuzzers; warnings are errors" ${thidua_default_dev})
option(THIDUA_INSTALL "Generate the install target" ${PROJECT_IS_TOP_LEVEL})
option(THIDUA_BUILD_BENCHMARKS "Build the Google Benchmark families (developer mode)" OFF)
option(THIDUA_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(BUILD_SHARED_LIBS "Build thidua as a shared library" OFF)

include(GNUInstallDirs)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(THIDUA_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
