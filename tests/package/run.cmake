# Installs the current build into a scratch prefix, then builds and runs two consumer projects:
# one with find_package(thidua) against that prefix, one with add_subdirectory(thidua).
# Invoked by ctest (tests/CMakeLists.txt) with SOURCE_DIR, BUILD_DIR, WORK_DIR, GENERATOR, CXX,
# SANITIZE.
cmake_minimum_required(VERSION 3.25)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

foreach(f include/thidua/thidua.hpp include/thidua/version.hpp lib/cmake/thidua/thiduaConfig.cmake
          lib/cmake/thidua/thiduaConfigVersion.cmake lib/pkgconfig/thidua.pc bin/thidua
          share/thidua/rules)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "install tree lacks ${f}")
  endif()
endforeach()

set(flags "")
if(SANITIZE)
  # The installed library was built with ASan/UBSan; its consumers must link the runtimes.
  set(flags "-fsanitize=address,undefined")
endif()

# 1. find_package against the install tree.
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/package/find_package -B ${WORK_DIR}/find_package
    -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_CXX_FLAGS=${flags} -DCMAKE_EXE_LINKER_FLAGS=${flags})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/find_package)
run(${WORK_DIR}/find_package/consumer)

# 2. pkg-config against the install tree.
find_program(PKG_CONFIG pkg-config)
if(PKG_CONFIG)
  set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
  execute_process(COMMAND ${PKG_CONFIG} --cflags --libs thidua OUTPUT_VARIABLE pc RESULT_VARIABLE rc
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0 OR NOT pc MATCHES "-lthidua")
    message(FATAL_ERROR "pkg-config thidua failed: ${pc}")
  endif()
  separate_arguments(pc_args UNIX_COMMAND "${pc}")
  separate_arguments(flag_args UNIX_COMMAND "${flags}")
  run(${CXX} ${flag_args} ${SOURCE_DIR}/tests/package/consumer.cpp ${pc_args} -o ${WORK_DIR}/pc_consumer)
  run(${WORK_DIR}/pc_consumer)
endif()

# 3. add_subdirectory of the source tree (builds the library afresh, without developer mode).
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/package/add_subdirectory -B ${WORK_DIR}/add_subdirectory
    -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DTHIDUA_SOURCE_DIR=${SOURCE_DIR}
    -DTHIDUA_DEVELOPER_MODE=OFF
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=${flags} -DCMAKE_EXE_LINKER_FLAGS=${flags})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/add_subdirectory --target consumer -j 2)
run(${WORK_DIR}/add_subdirectory/consumer)
