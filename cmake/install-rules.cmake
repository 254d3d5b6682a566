# Install: headers, the library, the CLI, the rule packs, a CMake package (thidua::thidua with a
# version file) and a pkg-config file. Consumers: find_package(thidua REQUIRED).
include(CMakePackageConfigHelpers)

set(THIDUA_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/thidua"
    CACHE STRING "Where thiduaConfig.cmake is installed")

install(DIRECTORY include/thidua DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT thidua_development FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/include/thidua/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/thidua COMPONENT thidua_development)

install(TARGETS thidua EXPORT thiduaTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT thidua_development
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT thidua_runtime
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT thidua_runtime
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS thidua_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT thidua_runtime)

# The rule packs ship with the library: rules/vn (national) and rules/examples.
install(DIRECTORY rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/thidua/rules
        COMPONENT thidua_runtime FILES_MATCHING PATTERN "*.tdk" PATTERN "*.md")

install(EXPORT thiduaTargets NAMESPACE thidua:: DESTINATION ${THIDUA_INSTALL_CMAKEDIR}
        COMPONENT thidua_development)

configure_package_config_file(cmake/thiduaConfig.cmake.in
  ${PROJECT_BINARY_DIR}/thiduaConfig.cmake
  INSTALL_DESTINATION ${THIDUA_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/thiduaConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/thiduaConfig.cmake ${PROJECT_BINARY_DIR}/thiduaConfigVersion.cmake
        DESTINATION ${THIDUA_INSTALL_CMAKEDIR} COMPONENT thidua_development)

configure_file(cmake/thidua.pc.in ${PROJECT_BINARY_DIR}/thidua.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/thidua.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
        COMPONENT thidua_development)
