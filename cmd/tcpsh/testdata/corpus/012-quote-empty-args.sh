count() { echo $#; }
count "" ""
count '' a ''
e=
count $e
count "$e"
count $e$e
count "$e$e"
count ${e:-}
