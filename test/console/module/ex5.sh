# Build the 3-tier architecture from Section 6.4
# 1. Create namespace and deny all
kubectl create namespace micro
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: micro
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
EOF

# 2. Create the three tiers
kubectl create deployment frontend --image=nginx -n micro
kubectl expose deployment frontend --port=80 -n micro

kubectl create deployment backend --image=nginx -n micro
kubectl expose deployment backend --port=80 -n micro

kubectl create deployment database --image=nginx -n micro
kubectl expose deployment database --port=80 -n micro

# 3. Allow DNS for all pods
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns
  namespace: micro
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
  - ports:
    - port: 53
      protocol: UDP
EOF

# 4. Allow frontend → backend
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend-to-backend
  namespace: micro
spec:
  podSelector:
    matchLabels:
      app: backend
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: frontend
    ports:
    - port: 80
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend-egress-backend
  namespace: micro
spec:
  podSelector:
    matchLabels:
      app: frontend
  policyTypes:
  - Egress
  egress:
  - to:
    - podSelector:
        matchLabels:
          app: backend
    ports:
    - port: 80
EOF

# 5. Allow backend → database
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: backend-to-database
  namespace: micro
spec:
  podSelector:
    matchLabels:
      app: database
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: backend
    ports:
    - port: 80
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: backend-egress-database
  namespace: micro
spec:
  podSelector:
    matchLabels:
      app: backend
  policyTypes:
  - Egress
  egress:
  - to:
    - podSelector:
        matchLabels:
          app: database
    ports:
    - port: 80
EOF

# 6. Test: frontend → backend (should work)
kubectl exec -n micro deploy/frontend -- wget -qO- --timeout=3 http://backend

# 7. Test: frontend → database (should fail)
kubectl exec -n micro deploy/frontend -- wget -qO- --timeout=3 http://database

# 8. Test: backend → database (should work)
kubectl exec -n micro deploy/backend -- wget -qO- --timeout=3 http://database

# 9. Clean up
kubectl delete namespace micro
