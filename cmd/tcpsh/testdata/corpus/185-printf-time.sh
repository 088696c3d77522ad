printf '%(%Y-%m-%d %H:%M:%S)T\n' 0
printf '%(%Y-%m-%d)T\n' 1700000000
printf '%(%A %B %j)T\n' 86400
printf '[%(%H)T]\n' 3600
printf '%(%s)T\n' 1234567890
printf '%10(%Y)T|\n' 0
TZ=Asia/Tokyo printf '%(%H:%M)T\n' 0
