printf '%f\n' 3.14159
printf '%.2f\n' 2.675
printf '%8.3f|\n' 3.14159
printf '%e\n' 12345.678
printf '%g %g\n' 0.0001 1000000
printf '%G\n' 1e-10
printf '%.0f %.0f\n' 0.5 1.5
printf '%5.1f%%\n' 99.44
