package images

// DeclaredPNG is declaredPNG, for the build tests of package images_test.
var DeclaredPNG = declaredPNG
