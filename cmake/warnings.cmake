# Warnings on every thidua target; errors in developer mode (CI), never for consumers.
function(thidua_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports impossible overlaps in inlined std::string concatenation at -O2/-O3
    # (GCC bug 105329): a false positive in libstdc++ code, not ours.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(THIDUA_DEVELOPER_MODE)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
