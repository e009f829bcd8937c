print("liaison")
